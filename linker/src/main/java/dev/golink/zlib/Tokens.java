package dev.golink.zlib;

/**
 * LZ77 tokens packed in an int the way the block writer reads them, without
 * branching on their kind: the literal/length table index in bits 0-9 (a
 * literal byte, the end-of-block marker, or {@link #LENGTH_INDEX_START} plus
 * a match's length minus 3), the distance code in bits 10-14 ({@link #NO_OFFSET}
 * for literals) and the distance's extra bits from bit 15. Go packs its tokens
 * differently; only the symbols they stand for matter for the output. Also the
 * DEFLATE length and distance code tables (RFC 1951 3.2.5).
 */
final class Tokens {

    static final int BASE_MATCH_LENGTH = 3;
    static final int BASE_MATCH_OFFSET = 1;
    static final int MAX_MATCH_LENGTH = 258;
    static final int MAX_MATCH_OFFSET = 1 << 15;
    static final int END_BLOCK_MARKER = 256;
    static final int LENGTH_CODES_START = 257;

    /** Table indexes: literals and the end-of-block marker, then one per match length. */
    static final int LENGTH_INDEX_START = 257;
    static final int INDEX_COUNT = LENGTH_INDEX_START + 256;
    static final int INDEX_MASK = (1 << 10) - 1;
    static final int OFFSET_CODE_SHIFT = 10;
    /** The distance code slot of a literal: no bits. */
    static final int NO_OFFSET = 30;
    static final int OFFSET_EXTRA_SHIFT = 15;

    /** Extra bits and base (length - 3) of the 29 length codes. */
    static final int[] LENGTH_EXTRA_BITS = new int[29];
    static final int[] LENGTH_BASE = new int[29];
    /** Extra bits of the 30 distance codes. */
    static final int[] OFFSET_EXTRA_BITS = new int[30];

    /** Length code (0..28) of a length minus 3, 0..255. */
    private static final int[] LENGTH_CODES = new int[256];

    static {
        int base = 0;
        for (int code = 0; code < 28; code++) {
            int extra = code < 8 ? 0 : code / 4 - 1;
            LENGTH_EXTRA_BITS[code] = extra;
            LENGTH_BASE[code] = base;
            for (int i = 0; i < (1 << extra); i++) {
                LENGTH_CODES[base + i] = code;
            }
            base += 1 << extra;
        }
        // Length 258 has its own code, with no extra bits.
        LENGTH_EXTRA_BITS[28] = 0;
        LENGTH_BASE[28] = 255;
        LENGTH_CODES[255] = 28;

        for (int code = 0; code < 30; code++) {
            OFFSET_EXTRA_BITS[code] = code < 4 ? 0 : code / 2 - 1;
        }
    }

    private Tokens() {
    }

    /** A literal byte, or the end-of-block marker. */
    static int literal(int b) {
        return b | NO_OFFSET << OFFSET_CODE_SHIFT;
    }

    /** A match of length {@code xlength} + 3 at distance {@code xoffset} + 1. */
    static int match(int xlength, int xoffset) {
        int extra = xoffset & ((1 << offsetExtraBits(xoffset)) - 1);
        return (LENGTH_INDEX_START + xlength) | offsetCode(xoffset) << OFFSET_CODE_SHIFT | extra << OFFSET_EXTRA_SHIFT;
    }

    static int offsetCodeOf(int token) {
        return token >>> OFFSET_CODE_SHIFT & 31;
    }

    static int lengthCode(int xlength) {
        return LENGTH_CODES[xlength];
    }

    /** Position of the top bit of a distance minus 1 (0 for 0 and 1). */
    private static int topBit(int xoffset) {
        return 31 - Integer.numberOfLeadingZeros(xoffset | 1);
    }

    /** Extra bits of the distance code of a distance minus 1: one less than its top bit's position. */
    static int offsetExtraBits(int xoffset) {
        return Math.max(topBit(xoffset) - 1, 0);
    }

    /**
     * Distance code (0..29) of a distance minus 1 (0..32767): codes come two per
     * power of two, so the code is twice the top bit's position plus the bit below it.
     */
    static int offsetCode(int xoffset) {
        return 2 * topBit(xoffset) + ((xoffset >>> offsetExtraBits(xoffset)) & 1);
    }
}
