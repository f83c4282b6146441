package dev.golink.zlib;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * HuffmanEncoder builds its package-merge lists whole; Go builds them lazily
 * (a boundary package-merge). Both must give every symbol the same length, or
 * the compressed bytes differ: checked here against a step-by-step rendering of
 * Go's lazy version, on frequency tables with many ties and with codes that
 * must be length-limited.
 */
class HuffmanEncoderTest {

    /** Code lengths as Go's bitCounts and assignEncodingAndSize give them. */
    private static int[] lazyPackageMergeLengths(int[] freq, int maxBits) {
        int[] len = new int[freq.length];
        long[] list = new long[freq.length];
        int n = 0;
        for (int i = 0; i < freq.length; i++) {
            if (freq[i] != 0) {
                list[n++] = (long) freq[i] << 16 | i;
            }
        }
        if (n <= 2) {
            for (int i = 0; i < n; i++) {
                len[(int) (list[i] & 0xffff)] = 1;
            }
            return len;
        }
        Arrays.sort(list, 0, n);
        long[] l = list;
        int count = n;
        java.util.function.IntUnaryOperator freqAt = i -> i < count ? (int) (l[i] >>> 16) : Integer.MAX_VALUE;
        maxBits = Math.min(maxBits, n - 1);
        int[] lastFreq = new int[17];
        int[] nextCharFreq = new int[17];
        int[] nextPairFreq = new int[17];
        int[] needed = new int[17];
        int[][] leafCounts = new int[17][17];
        for (int level = 1; level <= maxBits; level++) {
            lastFreq[level] = freqAt.applyAsInt(1);
            nextCharFreq[level] = freqAt.applyAsInt(2);
            nextPairFreq[level] = level == 1 ? Integer.MAX_VALUE : freqAt.applyAsInt(0) + freqAt.applyAsInt(1);
            leafCounts[level][level] = 2;
        }
        needed[maxBits] = 2 * n - 4;
        int level = maxBits;
        for (;;) {
            if (nextPairFreq[level] == Integer.MAX_VALUE && nextCharFreq[level] == Integer.MAX_VALUE) {
                needed[level] = 0;
                nextPairFreq[level + 1] = Integer.MAX_VALUE;
                level++;
                continue;
            }
            int prevFreq = lastFreq[level];
            if (nextCharFreq[level] < nextPairFreq[level]) {
                int k = leafCounts[level][level] + 1;
                lastFreq[level] = nextCharFreq[level];
                leafCounts[level][level] = k;
                nextCharFreq[level] = freqAt.applyAsInt(k);
            } else {
                lastFreq[level] = nextPairFreq[level];
                System.arraycopy(leafCounts[level - 1], 0, leafCounts[level], 0, level);
                needed[level - 1] = 2;
            }
            if (--needed[level] == 0) {
                if (level == maxBits) {
                    break;
                }
                nextPairFreq[level + 1] = prevFreq + lastFreq[level];
                level++;
            } else {
                while (needed[level - 1] > 0) {
                    level--;
                }
            }
        }
        // The most frequent symbols get the shortest codes.
        int end = n;
        for (int bits = 1; bits <= maxBits; bits++) {
            int k = leafCounts[maxBits][maxBits + 1 - bits] - leafCounts[maxBits][maxBits - bits];
            for (int i = end - k; i < end; i++) {
                len[(int) (list[i] & 0xffff)] = bits;
            }
            end -= k;
        }
        return len;
    }

    /** Canonical codes (RFC 1951 3.2.2), bit-reversed. */
    private static int[] canonicalCodes(int[] len) {
        int[] count = new int[17];
        for (int l : len) {
            count[l]++;
        }
        count[0] = 0;
        int[] next = new int[17];
        int c = 0;
        for (int bits = 1; bits <= 16; bits++) {
            c = (c + count[bits - 1]) << 1;
            next[bits] = c;
        }
        int[] code = new int[len.length];
        for (int i = 0; i < len.length; i++) {
            if (len[i] != 0) {
                code[i] = HuffmanEncoder.reverseBits(next[len[i]]++, len[i]);
            }
        }
        return code;
    }

    @Test
    void sameLengthsAsGosLazyPackageMerge() {
        Random r = new Random(1);
        int[] sizes = {286, 30, 19};
        int[] maxBits = {15, 15, 7};
        HuffmanEncoder[] encoders = {new HuffmanEncoder(286), new HuffmanEncoder(30), new HuffmanEncoder(19)};
        for (int iter = 0; iter < 20_000; iter++) {
            int w = iter % 3;
            int[] freq = new int[sizes[w]];
            int kind = r.nextInt(5);
            for (int k = 1 + r.nextInt(freq.length); k > 0; k--) {
                int i = r.nextInt(freq.length);
                freq[i] = switch (kind) {
                    case 0 -> 1 + r.nextInt(3); // many ties
                    case 1 -> 1 + r.nextInt(65536);
                    case 2 -> (int) Math.exp(r.nextDouble() * 11); // skewed
                    case 3 -> 1 << r.nextInt(16); // deep unlimited trees
                    default -> 1 + r.nextInt(100);
                };
            }
            if (kind == 4) {
                // Fibonacci frequencies: the unlimited code would be far deeper than the limit.
                for (int i = 0, a = 1, b = 1; i < freq.length && b < 60_000; i++, b = a + b, a = b - a) {
                    freq[i] = a;
                }
            }
            HuffmanEncoder e = encoders[w];
            e.generate(freq, maxBits[w]);
            int[] expected = lazyPackageMergeLengths(freq, maxBits[w]);
            assertArrayEquals(expected, e.len, () -> "lengths for " + Arrays.toString(freq));
            int count = (int) Arrays.stream(freq).filter(f -> f != 0).count();
            if (count > 2) {
                assertArrayEquals(canonicalCodes(expected), usedOnly(e.code, expected));
            }
        }
    }

    /** Codes of unused symbols are left over from before; only used ones count. */
    private static int[] usedOnly(int[] code, int[] len) {
        int[] c = code.clone();
        for (int i = 0; i < c.length; i++) {
            if (len[i] == 0) {
                c[i] = 0;
            }
        }
        return c;
    }

    @Test
    void oneOrTwoSymbolsGetOneBitInOrder() {
        HuffmanEncoder e = new HuffmanEncoder(30);
        int[] freq = new int[30];
        freq[3] = 5;
        freq[17] = 2;
        e.generate(freq, 15);
        assertEquals(1, e.len[3]);
        assertEquals(1, e.len[17]);
        assertEquals(0, e.code[3]);
        assertEquals(1, e.code[17]);
    }
}
