package dev.golink.gosort;

/**
 * A stable sort of ints (symbol indices, positions) by a comparator, for where cmd/link sorts
 * stably: any stable sort gives the same order. Ours rather than {@code Arrays.sort} of boxed
 * integers, whose TimSort the JIT compiles again for every comparator it meets; in a fresh
 * JVM (a Maven build) that compiling cost more CPU than the sorting.
 */
public final class StableSort {

    /** Compares two ints as the sort's order wants them. */
    @FunctionalInterface
    public interface IntComparator {
        int compare(int a, int b);
    }

    private static final int INSERTION = 16;

    private StableSort() {
    }

    /** Sorts {@code a[from, to)} by {@code c}, keeping equal elements in their order. */
    public static void sort(int[] a, int from, int to, IntComparator c) {
        int n = to - from;
        if (n < 2) {
            return;
        }
        for (int lo = from; lo < to; lo += INSERTION) {
            insertion(a, lo, Math.min(lo + INSERTION, to), c);
        }
        if (n <= INSERTION) {
            return;
        }
        int[] src = a;
        int[] dst = new int[a.length];
        for (int width = INSERTION; width < n; width *= 2) {
            for (int lo = from; lo < to; lo += 2 * width) {
                int mid = Math.min(lo + width, to);
                int hi = Math.min(lo + 2 * width, to);
                merge(src, dst, lo, mid, hi, c);
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, from, a, from, n);
        }
    }

    private static void insertion(int[] a, int lo, int hi, IntComparator c) {
        for (int i = lo + 1; i < hi; i++) {
            int x = a[i];
            int j = i - 1;
            while (j >= lo && c.compare(a[j], x) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }

    /** Merges the sorted runs {@code src[lo, mid)} and {@code src[mid, hi)} into {@code dst[lo, hi)}; ties from the left. */
    private static void merge(int[] src, int[] dst, int lo, int mid, int hi, IntComparator c) {
        int i = lo;
        int j = mid;
        int k = lo;
        if (mid >= hi || c.compare(src[mid - 1], src[mid]) <= 0) {
            System.arraycopy(src, lo, dst, lo, hi - lo); // already in order
            return;
        }
        while (i < mid && j < hi) {
            dst[k++] = c.compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
        }
        System.arraycopy(src, i, dst, k, mid - i);
        k += mid - i;
        System.arraycopy(src, j, dst, k, hi - j);
    }
}
