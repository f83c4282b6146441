package dev.golink.gosort;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class StableSortTest {

    /** The order of Arrays.sort of boxed ints (stable), for many sizes and heavy ties, on a sub-range. */
    @Test
    void ordersAsAStableSortDoes() {
        Random r = new Random(19);
        for (int n : new int[] {0, 1, 2, 15, 16, 17, 33, 100, 1000, 4097}) {
            for (int keys : new int[] {1, 3, 50, 1 << 20}) {
                int[] key = new int[n + 2];
                for (int i = 0; i < key.length; i++) {
                    key[i] = r.nextInt(keys);
                }
                int[] a = new int[n + 2];
                for (int i = 0; i < a.length; i++) {
                    a[i] = i; // positions: a tie keeps position order only if the sort is stable
                }
                Integer[] boxed = new Integer[n];
                for (int i = 0; i < n; i++) {
                    boxed[i] = a[i + 1];
                }
                Arrays.sort(boxed, Comparator.comparingInt(x -> key[x]));
                StableSort.sort(a, 1, n + 1, (x, y) -> Integer.compare(key[x], key[y]));
                int[] want = new int[n + 2];
                want[0] = 0;
                want[n + 1] = n + 1;
                for (int i = 0; i < n; i++) {
                    want[i + 1] = boxed[i];
                }
                assertArrayEquals(want, a, "n=" + n + " keys=" + keys);
            }
        }
    }
}
