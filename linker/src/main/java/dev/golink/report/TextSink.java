package dev.golink.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A report's text, built as UTF-8 bytes from the start: a report of a large program has tens of
 * megabytes of it, which a StringBuilder would grow, widen to UTF-16 at the first non-Latin-1
 * name, and then encode once more to write.
 */
final class TextSink {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buf;
    private int n;

    TextSink(int capacity) {
        buf = new byte[capacity];
    }

    /**
     * A capacity for a text of about {@code perSymbol} bytes per symbol: sized once, not grown by
     * copying (growing a cmd/go report from a megabyte copied 30 MB).
     */
    static int capacityFor(int symbols, int perSymbol) {
        return (int) Math.min(Integer.MAX_VALUE - 16, (1 << 16) + (long) symbols * perSymbol);
    }

    private void room(int more) {
        if (n + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n + more, buf.length * 2));
        }
    }

    TextSink add(char c) {
        if (c < 0x80) {
            room(1);
            buf[n++] = (byte) c;
            return this;
        }
        return add(String.valueOf(c));
    }

    /** Appends {@code s} as UTF-8 (a lone surrogate as '?', as String.getBytes does). */
    TextSink add(String s) {
        int len = s.length();
        room(3 * len);
        // Locals, not fields, in the loop: this runs for every name of every report.
        byte[] b = buf;
        int k = n;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[k++] = (byte) c;
            } else if (c < 0x800) {
                b[k++] = (byte) (0xc0 | c >> 6);
                b[k++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                n = k;
                return addSlow(s, i);
            } else {
                b[k++] = (byte) (0xe0 | c >> 12);
                b[k++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[k++] = (byte) (0x80 | c & 0x3f);
            }
        }
        n = k;
        return this;
    }

    private TextSink addSlow(String s, int from) {
        byte[] b = s.substring(from).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        room(b.length);
        System.arraycopy(b, 0, buf, n, b.length);
        n += b.length;
        return this;
    }

    TextSink add(boolean v) {
        return add(v ? "true" : "false");
    }

    /** Appends {@code v} in decimal. */
    TextSink add(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return add(Long.toString(v));
            }
            add('-');
            v = -v;
        }
        room(20);
        int start = n;
        do {
            buf[n++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        reverse(start);
        return this;
    }

    /** Appends {@code v} (not negative as unsigned) in lower-case hexadecimal, right-aligned in {@code width} spaces. */
    TextSink hex(long v, int width) {
        int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 3) / 4);
        spaces(width - digits);
        room(digits);
        for (int i = digits - 1; i >= 0; i--) {
            buf[n++] = HEX[(int) (v >>> (4 * i)) & 0xf];
        }
        return this;
    }

    /** Appends {@code s} right-aligned in {@code width} spaces (ASCII only). */
    TextSink right(String s, int width) {
        spaces(width - s.length());
        return add(s);
    }

    TextSink spaces(int k) {
        if (k > 0) {
            room(k);
            Arrays.fill(buf, n, n + k, (byte) ' ');
            n += k;
        }
        return this;
    }

    private void reverse(int start) {
        for (int i = start, j = n - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    /**
     * Appends {@code s} as a JSON string; a lone surrogate (a byte of a name that was not UTF-8)
     * stays escaped, and with {@code escapeLt} so does '<' (inside an HTML script element).
     */
    TextSink json(String s, boolean escapeLt) {
        int len = s.length();
        room(len + 2);
        byte[] b = buf;
        int k = n;
        b[k++] = '"';
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && (c != '<' || !escapeLt)) {
                b[k++] = (byte) c;
                continue;
            }
            // Rare: finish the string the slow way.
            n = k;
            jsonSlow(s, i, escapeLt);
            return this;
        }
        b[k++] = '"';
        n = k;
        return this;
    }

    private void jsonSlow(String s, int from, boolean escapeLt) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && !(escapeLt && c == '<')) {
                add(c);
                continue;
            }
            switch (c) {
                case '"' -> add("\\\"");
                case '\\' -> add("\\\\");
                case '\n' -> add("\\n");
                case '\t' -> add("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || Character.isSurrogate(c) && !validPair(s, i)) {
                        add("\\u").add(c < 0x1000 ? "0" : "").add(c < 0x100 ? "0" : "").add(c < 0x10 ? "0" : "");
                        hex(c, 0);
                    } else if (Character.isHighSurrogate(c)) {
                        add(s.substring(i, i + 2));
                        i++;
                    } else {
                        add(String.valueOf(c));
                    }
                }
            }
        }
        add('"');
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    TextSink add(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buf, n, bytes.length);
        n += bytes.length;
        return this;
    }

    byte[] bytes() {
        return Arrays.copyOf(buf, n);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, n);
    }

    /** The text (for tests and for the few callers that need a String). */
    @Override
    public String toString() {
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
