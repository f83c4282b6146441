package dev.golink.zlib;

/**
 * LZ77 tokens as Go's compress/flate packs them in an int: a literal byte, or a
 * match whose length (minus 3) sits above bit 22 and whose offset (minus 1) below,
 * with bit 30 set. Also the DEFLATE length and distance code tables (RFC 1951 3.2.5).
 */
final class Tokens {

    static final int LENGTH_SHIFT = 22;
    static final int OFFSET_MASK = (1 << LENGTH_SHIFT) - 1;
    static final int MATCH_TYPE = 1 << 30;
    static final int BASE_MATCH_LENGTH = 3;
    static final int BASE_MATCH_OFFSET = 1;
    static final int MAX_MATCH_LENGTH = 258;
    static final int MAX_MATCH_OFFSET = 1 << 15;
    static final int END_BLOCK_MARKER = 256;
    static final int LENGTH_CODES_START = 257;

    /** Extra bits and base (length - 3) of the 29 length codes. */
    static final int[] LENGTH_EXTRA_BITS = new int[29];
    static final int[] LENGTH_BASE = new int[29];
    /** Extra bits and base (distance - 1) of the 30 distance codes. */
    static final int[] OFFSET_EXTRA_BITS = new int[30];
    static final int[] OFFSET_BASE = new int[30];

    /** Length code (0..28) of a length minus 3, 0..255. */
    private static final int[] LENGTH_CODES = new int[256];
    /** Distance code of small distances minus 1, and of larger ones shifted right by 7. */
    private static final int[] OFFSET_CODES = new int[256];

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

        base = 0;
        for (int code = 0; code < 30; code++) {
            int extra = code < 4 ? 0 : code / 2 - 1;
            OFFSET_EXTRA_BITS[code] = extra;
            OFFSET_BASE[code] = base;
            base += 1 << extra;
        }
        for (int code = 0; code < 16; code++) {
            for (int d = OFFSET_BASE[code]; d < OFFSET_BASE[code] + (1 << OFFSET_EXTRA_BITS[code]) && d < 256; d++) {
                OFFSET_CODES[d] = code;
            }
        }
    }

    private Tokens() {
    }

    static int literal(int b) {
        return b;
    }

    static int match(int xlength, int xoffset) {
        return MATCH_TYPE + (xlength << LENGTH_SHIFT) + xoffset;
    }

    static boolean isLiteral(int t) {
        return t < MATCH_TYPE;
    }

    static int length(int t) {
        return (t - MATCH_TYPE) >>> LENGTH_SHIFT;
    }

    static int offset(int t) {
        return t & OFFSET_MASK;
    }

    static int lengthCode(int xlength) {
        return LENGTH_CODES[xlength];
    }

    static int offsetCode(int xoffset) {
        if (xoffset < 256) {
            return OFFSET_CODES[xoffset];
        }
        if ((xoffset >>> 7) < 256) {
            return OFFSET_CODES[xoffset >>> 7] + 14;
        }
        return OFFSET_CODES[xoffset >>> 14] + 28;
    }
}
