package dev.golink.zlib;

import java.util.Arrays;

/**
 * Builds length-limited Huffman codes from symbol frequencies exactly as Go's
 * compress/flate does (a boundary package-merge over symbols sorted by frequency,
 * then canonical codes assigned in literal order), since a different but equally
 * good code would change the compressed bytes.
 */
final class HuffmanEncoder {

    private static final int MAX_BITS_LIMIT = 16;

    /** Per symbol: the code, bit-reversed for LSB-first output, and its length in bits. */
    final int[] code;
    final int[] len;
    private final int[] bitCount = new int[17];
    /** Scratch: symbols with a non-zero frequency, packed as freq << 16 | literal. */
    private long[] list = new long[0];

    HuffmanEncoder(int size) {
        code = new int[size];
        len = new int[size];
    }

    /** The fixed literal/length code of RFC 1951 3.2.6. */
    static HuffmanEncoder fixedLiteralEncoding() {
        HuffmanEncoder h = new HuffmanEncoder(286);
        for (int ch = 0; ch < 286; ch++) {
            int bits;
            int size;
            if (ch < 144) {
                bits = ch + 48;
                size = 8;
            } else if (ch < 256) {
                bits = ch + 400 - 144;
                size = 9;
            } else if (ch < 280) {
                bits = ch - 256;
                size = 7;
            } else {
                bits = ch + 192 - 280;
                size = 8;
            }
            h.code[ch] = reverseBits(bits, size);
            h.len[ch] = size;
        }
        return h;
    }

    /** Total bits to code {@code freq} with this code. */
    int bitLength(int[] freq) {
        int total = 0;
        for (int i = 0; i < freq.length; i++) {
            if (freq[i] != 0) {
                total += freq[i] * len[i];
            }
        }
        return total;
    }

    /** Computes the code for {@code freq} with codes at most {@code maxBits} long. */
    void generate(int[] freq, int maxBits) {
        if (list.length < freq.length + 1) {
            list = new long[freq.length + 1];
        }
        int count = 0;
        for (int i = 0; i < freq.length; i++) {
            if (freq[i] != 0) {
                list[count++] = (long) freq[i] << 16 | i;
            } else {
                len[i] = 0;
            }
        }
        if (count <= 2) {
            // With one or two symbols, each gets a one-bit code in order of appearance.
            for (int i = 0; i < count; i++) {
                int lit = (int) (list[i] & 0xffff);
                code[lit] = i;
                len[lit] = 1;
            }
            return;
        }
        // Frequency, then literal: a total order, so the sort algorithm does not matter.
        Arrays.sort(list, 0, count);
        int[] counts = bitCounts(count, maxBits);
        assignEncodingAndSize(counts, count);
    }

    private int freqAt(int i, int n) {
        return i < n ? (int) (list[i] >>> 16) : Integer.MAX_VALUE;
    }

    /** How many symbols get each code length: the package-merge of Go's bitCounts. */
    private int[] bitCounts(int n, int maxBits) {
        if (maxBits >= MAX_BITS_LIMIT) {
            throw new IllegalArgumentException("maxBits too large");
        }
        if (maxBits > n - 1) {
            maxBits = n - 1;
        }
        int[] levelLastFreq = new int[MAX_BITS_LIMIT];
        int[] levelNextCharFreq = new int[MAX_BITS_LIMIT];
        int[] levelNextPairFreq = new int[MAX_BITS_LIMIT];
        int[] levelNeeded = new int[MAX_BITS_LIMIT];
        int[][] leafCounts = new int[MAX_BITS_LIMIT][MAX_BITS_LIMIT];
        for (int level = 1; level <= maxBits; level++) {
            levelLastFreq[level] = freqAt(1, n);
            levelNextCharFreq[level] = freqAt(2, n);
            levelNextPairFreq[level] = freqAt(0, n) + freqAt(1, n);
            leafCounts[level][level] = 2;
            if (level == 1) {
                levelNextPairFreq[level] = Integer.MAX_VALUE;
            }
        }
        levelNeeded[maxBits] = 2 * n - 4;
        int level = maxBits;
        for (;;) {
            if (levelNextPairFreq[level] == Integer.MAX_VALUE && levelNextCharFreq[level] == Integer.MAX_VALUE) {
                // Nothing left at this level: take no more from it.
                levelNeeded[level] = 0;
                levelNextPairFreq[level + 1] = Integer.MAX_VALUE;
                level++;
                continue;
            }
            int prevFreq = levelLastFreq[level];
            if (levelNextCharFreq[level] < levelNextPairFreq[level]) {
                int k = leafCounts[level][level] + 1;
                levelLastFreq[level] = levelNextCharFreq[level];
                leafCounts[level][level] = k;
                levelNextCharFreq[level] = freqAt(k, n);
            } else {
                levelLastFreq[level] = levelNextPairFreq[level];
                System.arraycopy(leafCounts[level - 1], 0, leafCounts[level], 0, level);
                levelNeeded[level - 1] = 2;
            }
            if (--levelNeeded[level] == 0) {
                if (level == maxBits) {
                    break;
                }
                levelNextPairFreq[level + 1] = prevFreq + levelLastFreq[level];
                level++;
            } else {
                while (levelNeeded[level - 1] > 0) {
                    level--;
                }
            }
        }
        if (leafCounts[maxBits][maxBits] != n) {
            throw new IllegalStateException("leafCounts[maxBits][maxBits] != n");
        }
        Arrays.fill(bitCount, 0);
        int bits = 1;
        for (int l = maxBits; l > 0; l--) {
            bitCount[bits] = leafCounts[maxBits][l] - leafCounts[maxBits][l - 1];
            bits++;
        }
        return Arrays.copyOf(bitCount, maxBits + 1);
    }

    /** Gives the least frequent symbols the longest codes; within a length, codes go in literal order. */
    private void assignEncodingAndSize(int[] counts, int n) {
        int c = 0;
        int end = n;
        for (int bits = 0; bits < counts.length; bits++) {
            c <<= 1;
            int k = counts[bits];
            if (bits == 0 || k == 0) {
                continue;
            }
            int[] chunk = new int[k];
            for (int i = 0; i < k; i++) {
                chunk[i] = (int) (list[end - k + i] & 0xffff);
            }
            Arrays.sort(chunk);
            for (int lit : chunk) {
                code[lit] = reverseBits(c, bits);
                len[lit] = bits;
                c++;
            }
            end -= k;
        }
    }

    static int reverseBits(int number, int bitLength) {
        return Integer.reverse(number << (32 - bitLength)) & 0xffff;
    }
}
