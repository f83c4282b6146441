package dev.golink.deadcode;

import java.util.Arrays;

/**
 * A min-heap of symbol indices: deadcode's work queue (cf. ld.heap). Popping the
 * smallest index first gives locality and, more importantly, the same visiting
 * order as cmd/link, which decides which parent each -dumpdep edge names.
 */
final class SymHeap {

    private int[] h = new int[1024];
    private int n;

    void push(int s) {
        if (n == h.length) {
            h = Arrays.copyOf(h, n * 2);
        }
        h[n] = s;
        int i = n++;
        while (i > 0) {
            int p = (i - 1) / 2;
            if (h[p] <= h[i]) {
                break;
            }
            int t = h[p];
            h[p] = h[i];
            h[i] = t;
            i = p;
        }
    }

    int pop() {
        int r = h[0];
        n--;
        h[0] = h[n];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                break;
            }
            if (c + 1 < n && h[c + 1] < h[c]) {
                c++;
            }
            if (h[i] <= h[c]) {
                break;
            }
            int t = h[i];
            h[i] = h[c];
            h[c] = t;
            i = c;
        }
        return r;
    }

    boolean isEmpty() {
        return n == 0;
    }
}
