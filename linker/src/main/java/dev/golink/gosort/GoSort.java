package dev.golink.gosort;

/**
 * Go 1.19's {@code sort.Sort} and {@code sort.Slice}: pattern-defeating
 * quicksort. cmd/link sorts with them where keys can tie (typelinks by type
 * string, for one); an unstable sort leaves ties in an order that depends on the
 * algorithm, so byte-identical output needs this very algorithm, step for step.
 * (Where cmd/link sorts stably, any stable sort will do.)
 */
public final class GoSort {

    /** What is sorted: indices into the caller's own arrays. */
    public interface Data {
        int len();

        boolean less(int i, int j);

        void swap(int i, int j);
    }

    private static final int MAX_INSERTION = 12;
    private static final int UNKNOWN_HINT = 0;
    private static final int INCREASING_HINT = 1;
    private static final int DECREASING_HINT = 2;

    private GoSort() {
    }

    /** Sorts {@code data} exactly as Go 1.19's sort.Sort (and sort.Slice) would. */
    public static void sort(Data data) {
        int n = data.len();
        if (n <= 1) {
            return;
        }
        pdqsort(data, 0, n, bitsLen(n));
    }

    private static int bitsLen(long x) {
        return 64 - Long.numberOfLeadingZeros(x);
    }

    private static void insertionSort(Data data, int a, int b) {
        for (int i = a + 1; i < b; i++) {
            for (int j = i; j > a && data.less(j, j - 1); j--) {
                data.swap(j, j - 1);
            }
        }
    }

    private static void siftDown(Data data, int lo, int hi, int first) {
        int root = lo;
        for (;;) {
            int child = 2 * root + 1;
            if (child >= hi) {
                return;
            }
            if (child + 1 < hi && data.less(first + child, first + child + 1)) {
                child++;
            }
            if (!data.less(first + root, first + child)) {
                return;
            }
            data.swap(first + root, first + child);
            root = child;
        }
    }

    private static void heapSort(Data data, int a, int b) {
        int first = a;
        int hi = b - a;
        for (int i = (hi - 1) / 2; i >= 0; i--) {
            siftDown(data, i, hi, first);
        }
        for (int i = hi - 1; i >= 0; i--) {
            data.swap(first, first + i);
            siftDown(data, 0, i, first);
        }
    }

    private static void pdqsort(Data data, int a, int b, int limit) {
        boolean wasBalanced = true;
        boolean wasPartitioned = true;
        for (;;) {
            int length = b - a;
            if (length <= MAX_INSERTION) {
                insertionSort(data, a, b);
                return;
            }
            // Too many bad pivots: fall back to heapsort's guaranteed n log n.
            if (limit == 0) {
                heapSort(data, a, b);
                return;
            }
            if (!wasBalanced) {
                breakPatterns(data, a, b);
                limit--;
            }
            long pivotAndHint = choosePivot(data, a, b);
            int pivot = (int) (pivotAndHint >> 2);
            int hint = (int) (pivotAndHint & 3);
            if (hint == DECREASING_HINT) {
                reverseRange(data, a, b);
                pivot = (b - 1) - (pivot - a);
                hint = INCREASING_HINT;
            }
            if (wasBalanced && wasPartitioned && hint == INCREASING_HINT && partialInsertionSort(data, a, b)) {
                return;
            }
            // A pivot equal to the element before the range: everything equal to it goes left at once.
            if (a > 0 && !data.less(a - 1, pivot)) {
                a = partitionEqual(data, a, b, pivot);
                continue;
            }
            long midAndFlag = partition(data, a, b, pivot);
            int mid = (int) (midAndFlag >> 1);
            wasPartitioned = (midAndFlag & 1) != 0;
            int leftLen = mid - a;
            int rightLen = b - mid;
            int balanceThreshold = length / 8;
            if (leftLen < rightLen) {
                wasBalanced = leftLen >= balanceThreshold;
                pdqsort(data, a, mid, limit);
                a = mid + 1;
            } else {
                wasBalanced = rightLen >= balanceThreshold;
                pdqsort(data, mid + 1, b, limit);
                b = mid;
            }
        }
    }

    /** Returns the new pivot position shifted left by one, with bit 0 set when the range was already partitioned. */
    private static long partition(Data data, int a, int b, int pivot) {
        data.swap(a, pivot);
        int i = a + 1;
        int j = b - 1;
        while (i <= j && data.less(i, a)) {
            i++;
        }
        while (i <= j && !data.less(j, a)) {
            j--;
        }
        if (i > j) {
            data.swap(j, a);
            return ((long) j << 1) | 1;
        }
        data.swap(i, j);
        i++;
        j--;
        for (;;) {
            while (i <= j && data.less(i, a)) {
                i++;
            }
            while (i <= j && !data.less(j, a)) {
                j--;
            }
            if (i > j) {
                break;
            }
            data.swap(i, j);
            i++;
            j--;
        }
        data.swap(j, a);
        return (long) j << 1;
    }

    private static int partitionEqual(Data data, int a, int b, int pivot) {
        data.swap(a, pivot);
        int i = a + 1;
        int j = b - 1;
        for (;;) {
            while (i <= j && !data.less(a, i)) {
                i++;
            }
            while (i <= j && data.less(a, j)) {
                j--;
            }
            if (i > j) {
                break;
            }
            data.swap(i, j);
            i++;
            j--;
        }
        return i;
    }

    /** Fixes a nearly sorted range with a few shifts; true when it ends sorted. */
    private static boolean partialInsertionSort(Data data, int a, int b) {
        final int maxSteps = 5;
        final int shortestShifting = 50;
        int i = a + 1;
        for (int step = 0; step < maxSteps; step++) {
            while (i < b && !data.less(i, i - 1)) {
                i++;
            }
            if (i == b) {
                return true;
            }
            if (b - a < shortestShifting) {
                return false;
            }
            data.swap(i, i - 1);
            if (i - a >= 2) {
                for (int j = i - 1; j >= 1; j--) {
                    if (!data.less(j, j - 1)) {
                        break;
                    }
                    data.swap(j, j - 1);
                }
            }
            if (b - i >= 2) {
                for (int j = i + 1; j < b; j++) {
                    if (!data.less(j, j - 1)) {
                        break;
                    }
                    data.swap(j, j - 1);
                }
            }
        }
        return false;
    }

    /** Scatters three elements around the middle, pseudo-randomly but deterministically (xorshift seeded by length). */
    private static void breakPatterns(Data data, int a, int b) {
        int length = b - a;
        if (length >= 8) {
            long random = length;
            long modulus = 1L << bitsLen(length);
            for (int idx = a + (length / 4) * 2 - 1; idx <= a + (length / 4) * 2 + 1; idx++) {
                random ^= random << 13;
                random ^= random >>> 17;
                random ^= random << 5;
                int other = (int) (random & (modulus - 1));
                if (other >= length) {
                    other -= length;
                }
                data.swap(idx, a + other);
            }
        }
    }

    /** The pivot (shifted left by two) and a hint whether the range looked sorted either way. */
    private static long choosePivot(Data data, int a, int b) {
        final int shortestNinther = 50;
        final int maxSwaps = 4 * 3;
        int l = b - a;
        int[] swaps = {0};
        int i = a + l / 4;
        int j = a + l / 4 * 2;
        int k = a + l / 4 * 3;
        if (l >= 8) {
            if (l >= shortestNinther) {
                i = median(data, i - 1, i, i + 1, swaps);
                j = median(data, j - 1, j, j + 1, swaps);
                k = median(data, k - 1, k, k + 1, swaps);
            }
            j = median(data, i, j, k, swaps);
        }
        int hint = swaps[0] == 0 ? INCREASING_HINT : swaps[0] == maxSwaps ? DECREASING_HINT : UNKNOWN_HINT;
        return ((long) j << 2) | hint;
    }

    private static int median(Data data, int a, int b, int c, int[] swaps) {
        if (data.less(b, a)) {
            swaps[0]++;
            int t = a;
            a = b;
            b = t;
        }
        if (data.less(c, b)) {
            swaps[0]++;
            int t = b;
            b = c;
            c = t;
        }
        if (data.less(b, a)) {
            swaps[0]++;
            int t = a;
            a = b;
            b = t;
        }
        return b;
    }

    private static void reverseRange(Data data, int a, int b) {
        for (int i = a, j = b - 1; i < j; i++, j--) {
            data.swap(i, j);
        }
    }
}
