package dev.golink.wasm;

/**
 * The names the name section gives functions: the symbol name with every
 * character other than an ASCII letter, digit, '_' or '.' replaced by '_', as
 * cmd/link's regexp {@code [^\w\.]} does. The regexp works on UTF-8 runes, so a
 * multi-byte character becomes one '_' and so does each byte of an invalid
 * sequence; this works on the raw bytes to do the same.
 */
final class FuncNames {

    private FuncNames() {
    }

    static byte[] sanitize(byte[] name) {
        byte[] out = new byte[name.length];
        int n = 0;
        int i = 0;
        while (i < name.length) {
            int b = name[i] & 0xff;
            if (b < 0x80) {
                out[n++] = isWordOrDot(b) ? (byte) b : (byte) '_';
                i++;
            } else {
                out[n++] = '_';
                i += runeWidth(name, i);
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static boolean isWordOrDot(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '.';
    }

    /**
     * How many bytes Go's UTF-8 decoder takes for the rune at {@code i}: the
     * length of a valid sequence, else 1 (cf. unicode/utf8.DecodeRune).
     */
    static int runeWidth(byte[] s, int i) {
        int b0 = s[i] & 0xff;
        int width;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            width = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            width = 3;
            if (b0 == 0xE0) {
                lo = 0xA0;
            } else if (b0 == 0xED) {
                hi = 0x9F; // no surrogates
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            width = 4;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return 1;
        }
        if (i + width > s.length) {
            return 1;
        }
        int b1 = s[i + 1] & 0xff;
        if (b1 < lo || b1 > hi) {
            return 1;
        }
        for (int k = 2; k < width; k++) {
            int b = s[i + k] & 0xff;
            if (b < 0x80 || b > 0xBF) {
                return 1;
            }
        }
        return width;
    }
}
