package dev.golink;

import java.nio.charset.StandardCharsets;

/**
 * Go's strings are bytes, not necessarily UTF-8: a file name or package path
 * is what the compiler was given. golink holds them as Java strings, decoded
 * so that the bytes come back unchanged: valid UTF-8 as its characters, and
 * each byte of an invalid sequence as a lone surrogate U+DC80..U+DCFF (which
 * valid UTF-8 never holds), turned back into that byte by {@link #encode}.
 */
public final class GoString {

    private GoString() {
    }

    /** The string of {@code b}'s bytes. */
    public static String decode(byte[] b) {
        return decode(b, 0, b.length);
    }

    /** The string of bytes [off, off + len) of {@code b}. */
    public static String decode(byte[] b, int off, int len) {
        int end = off + len;
        boolean ascii = true;
        for (int i = off; i < end; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(len);
        int i = off;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            }
            int n = sequenceLength(b, i, end);
            if (n == 0) {
                sb.append((char) (0xdc00 | c)); // one byte that is no character
                i++;
                continue;
            }
            int cp = switch (n) {
                case 2 -> (c & 0x1f) << 6 | (b[i + 1] & 0x3f);
                case 3 -> (c & 0x0f) << 12 | (b[i + 1] & 0x3f) << 6 | (b[i + 2] & 0x3f);
                default -> (c & 0x07) << 18 | (b[i + 1] & 0x3f) << 12 | (b[i + 2] & 0x3f) << 6 | (b[i + 3] & 0x3f);
            };
            sb.appendCodePoint(cp);
            i += n;
        }
        return sb.toString();
    }

    /** The length of the valid UTF-8 sequence at {@code i} (as Go's unicode/utf8 decides), 0 if there is none. */
    public static int sequenceLength(byte[] b, int i, int end) {
        int c = b[i] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            if (c == 0xe0) {
                lo = 0xa0;
            } else if (c == 0xed) {
                hi = 0x9f; // no surrogates
            }
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            if (c == 0xf0) {
                lo = 0x90;
            } else if (c == 0xf4) {
                hi = 0x8f;
            }
        } else {
            return 0;
        }
        if (i + n > end) {
            return 0;
        }
        int c1 = b[i + 1] & 0xff;
        if (c1 < lo || c1 > hi) {
            return 0;
        }
        for (int k = 2; k < n; k++) {
            int ck = b[i + k] & 0xff;
            if (ck < 0x80 || ck > 0xbf) {
                return 0;
            }
        }
        return n;
    }

    /** The bytes of {@code s}: its characters in UTF-8, and the bytes {@link #decode} kept as they were. */
    public static byte[] encode(String s) {
        boolean plain = true;
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length() + 8);
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.writeBytes(s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else if (c >= 0xdc80 && c <= 0xdcff) {
                out.write(c & 0xff);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
