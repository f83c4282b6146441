package dev.golink.zlib;

import java.util.Arrays;

/**
 * Builds length-limited Huffman codes from symbol frequencies exactly as Go's
 * compress/flate does (package-merge over symbols sorted by frequency, then
 * canonical codes assigned in literal order), since a different but equally
 * good code would change the compressed bytes.
 */
final class HuffmanEncoder {

    private static final int MAX_BITS_LIMIT = 16;
    /** Pads a level's item list so that pairs past its end cost more than any real item (frequencies stay below 2^28). */
    private static final int PAD = 1 << 29;

    /** Per symbol: the code, bit-reversed for LSB-first output, and its length in bits. */
    final int[] code;
    final int[] len;
    private final int[] bitCount = new int[MAX_BITS_LIMIT + 1];
    private final int[] nextCode = new int[MAX_BITS_LIMIT + 1];
    /** Symbols with a non-zero frequency, packed as freq << 16 | literal, then sorted. */
    private final long[] list;
    /**
     * The package-merge, one row per level: the items' frequencies, and how many
     * leaves (symbols) are among the first k items.
     */
    private final int stride;
    private final int[] items;
    private final int[] leavesBefore;
    private final int[] itemCount = new int[MAX_BITS_LIMIT];

    HuffmanEncoder(int size) {
        code = new int[size];
        len = new int[size];
        list = new long[size];
        // A level holds the symbols and at most size - 1 pairs, then two pads.
        stride = 2 * size + 2;
        items = new int[MAX_BITS_LIMIT * stride];
        leavesBefore = new int[MAX_BITS_LIMIT * stride];
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
        int maxLen = bitCounts(count, maxBits);
        assignEncodingAndSize(maxLen, count);
    }

    /**
     * Fills {@link #bitCount} with how many symbols get each code length, and
     * returns the longest. Go computes this with a boundary package-merge, which
     * lazily builds just the needed front of each level's list; here the lists
     * are built whole, level by level, with the same merge order (a pair before
     * a symbol of equal frequency), so the counts are the same, at a fraction
     * of the bookkeeping.
     */
    private int bitCounts(int n, int maxBits) {
        if (maxBits >= MAX_BITS_LIMIT) {
            throw new IllegalArgumentException("maxBits too large");
        }
        if (maxBits > n - 1) {
            maxBits = n - 1;
        }
        int[] items = this.items;
        int[] leavesBefore = this.leavesBefore;
        // Row 0: the symbols' frequencies, then a sentinel. Level 1 (the deepest codes) has symbols only.
        int leaves = 0;
        int row = stride;
        for (int i = 0; i < n; i++) {
            items[leaves + i] = (int) (list[i] >>> 16);
        }
        items[leaves + n] = Integer.MAX_VALUE;
        System.arraycopy(items, leaves, items, row, n);
        int len = n;
        itemCount[1] = n;
        for (int level = 2; level <= maxBits; level++) {
            int prev = row;
            items[prev + len] = PAD;
            items[prev + len + 1] = PAD;
            row += stride;
            int count = n + len / 2;
            int i = 0;
            int j = prev;
            for (int k = 0; k < count; k++) {
                // Symbols run out at the sentinel after them, pairs at the pads.
                int a = items[leaves + i];
                int b = items[j] + items[j + 1];
                if (a < b) {
                    items[row + k] = a;
                    i++;
                } else {
                    items[row + k] = b;
                    j += 2;
                }
                leavesBefore[row + k + 1] = i;
            }
            len = count;
            itemCount[level] = count;
        }
        // The top list's first 2n - 2 items make the code; a pair among those takes two items a level down.
        int m = 2 * n - 2;
        if (m > itemCount[maxBits]) {
            throw new IllegalStateException("no code of " + n + " symbols within " + maxBits + " bits");
        }
        int above = 0;
        for (int level = maxBits; level >= 1; level--) {
            int c = level == 1 ? m : leavesBefore[level * stride + m];
            if (level == maxBits && c != n) {
                throw new IllegalStateException("package-merge: top level lacks symbols");
            }
            // Symbols among a level's items but not the next level's get that level's depth.
            if (level < maxBits) {
                bitCount[maxBits - level] = above - c;
            }
            above = c;
            m = 2 * (m - c);
        }
        bitCount[maxBits] = above;
        return maxBits;
    }

    /**
     * Gives the least frequent symbols the longest codes; within a length, codes
     * go in literal order (canonical codes), so they are handed out in one pass
     * over the symbols rather than by sorting each length's symbols.
     */
    private void assignEncodingAndSize(int maxLen, int n) {
        int c = 0;
        int end = n;
        for (int bits = 1; bits <= maxLen; bits++) {
            c <<= 1;
            int k = bitCount[bits];
            nextCode[bits] = c;
            for (int i = end - k; i < end; i++) {
                len[(int) (list[i] & 0xffff)] = bits;
            }
            c += k;
            end -= k;
        }
        for (int lit = 0; lit < len.length; lit++) {
            int bits = len[lit];
            if (bits != 0) {
                code[lit] = reverseBits(nextCode[bits]++, bits);
            }
        }
    }

    static int reverseBits(int number, int bitLength) {
        return Integer.reverse(number << (32 - bitLength)) & 0xffff;
    }
}
