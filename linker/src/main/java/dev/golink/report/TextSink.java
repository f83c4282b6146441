package dev.golink.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A report's text, built as UTF-8 bytes from the start: a report of a large program has tens of
 * megabytes of it, which a StringBuilder would grow, widen to UTF-16 at the first non-Latin-1
 * name, and then encode once more to write.
 *
 * <p>The text is kept in chunks of at most {@link #CHUNK} bytes (one array only with {@link
 * #oneArray}): an array of half a G1 region or more (512 KiB at least) is allocated outside the
 * young generation, and such allocations start collections in the middle of the link.
 */
final class TextSink {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The size of a chunk: well below half the smallest G1 region. */
    static final int CHUNK = 1 << 17;

    /** Whether a new chunk follows a full one (else the one array grows). */
    private final boolean chained;
    /** The full chunks, and how much of each is text. */
    private final java.util.List<byte[]> chunks = new java.util.ArrayList<>();
    private final java.util.List<Integer> chunkLengths = new java.util.ArrayList<>();
    private byte[] buf;
    private int n;

    /** A text in chunks, the first of {@code capacity} bytes (a chunk at most). */
    TextSink(int capacity) {
        this(Math.min(capacity, CHUNK), true);
    }

    private TextSink(int capacity, boolean chained) {
        this.chained = chained;
        buf = new byte[capacity];
    }

    /** A text kept in one array of {@code capacity} bytes, grown as needed ({@link #array}). */
    static TextSink oneArray(int capacity) {
        return new TextSink(capacity, false);
    }

    /**
     * A capacity for a text of about {@code perSymbol} bytes per symbol: sized once, not grown by
     * copying (growing a cmd/go report from a megabyte copied 30 MB).
     */
    static int capacityFor(int symbols, int perSymbol) {
        return (int) Math.min(Integer.MAX_VALUE - 16, (1 << 16) + (long) symbols * perSymbol);
    }

    /** Makes room for {@code more} bytes after the last, in the same array. */
    private void room(int more) {
        if (n + more > buf.length) {
            if (chained && n > 0) {
                chunks.add(buf);
                chunkLengths.add(n);
                buf = new byte[Math.max(CHUNK, more)];
                n = 0;
            } else {
                buf = Arrays.copyOf(buf, Math.max(n + more, Math.min(buf.length * 2, chained ? CHUNK : Integer.MAX_VALUE - 16)));
            }
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

    /** "00" to "99": the two digits of each number below 100, tens then ones. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /**
     * Appends {@code v} in decimal: counted, then written from its end two digits at a time. A
     * report is mostly small numbers (a cmd/go report has about 700,000): those take int arithmetic.
     */
    TextSink add(long v) {
        if (v >= 0 && v <= Integer.MAX_VALUE) {
            return addDigits((int) v);
        }
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return add(Long.toString(v));
            }
            add('-');
            v = -v;
        }
        room(20);
        int len = 1;
        for (long p = 10; len < 19 && v >= p; p *= 10) {
            len++;
        }
        byte[] b = buf;
        int k = n + len;
        while (v >= 100) {
            int r = (int) (v % 100);
            v /= 100;
            b[--k] = PAIRS[2 * r + 1];
            b[--k] = PAIRS[2 * r];
        }
        if (v >= 10) {
            b[--k] = PAIRS[2 * (int) v + 1];
            b[--k] = PAIRS[2 * (int) v];
        } else {
            b[--k] = (byte) ('0' + v);
        }
        n += len;
        return this;
    }

    /** Appends {@code v}, not negative, in decimal. */
    private TextSink addDigits(int v) {
        if (v < 10) {
            room(1);
            buf[n++] = (byte) ('0' + v);
            return this;
        }
        int len = digits(v);
        room(len);
        byte[] b = buf;
        int k = n + len;
        while (v >= 100) {
            int q = v / 100;
            int r = v - 100 * q;
            v = q;
            b[--k] = PAIRS[2 * r + 1];
            b[--k] = PAIRS[2 * r];
        }
        if (v >= 10) {
            b[--k] = PAIRS[2 * v + 1];
            b[--k] = PAIRS[2 * v];
        } else {
            b[--k] = (byte) ('0' + v);
        }
        n += len;
        return this;
    }

    /** The decimal digits of {@code v}, not negative. */
    private static int digits(int v) {
        if (v < 100000) {
            return v < 100 ? (v < 10 ? 1 : 2) : v < 1000 ? 3 : v < 10000 ? 4 : 5;
        }
        return v < 10000000 ? (v < 1000000 ? 6 : 7) : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
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

    /**
     * Appends the name of symbol {@code local} of {@code obj} as a JSON string, escaped from the
     * bytes the object stores ({@link #jsonUtf8}); returns whether it is those bytes in quotes:
     * ASCII with nothing to escape, as nearly every name is.
     */
    boolean jsonName(dev.golink.goobj.GoObject obj, int local) {
        int len = obj.symNameLen(local);
        room(len + 2);
        byte[] b = buf;
        int at = n + 1;
        obj.copySymName(local, b, at);
        for (int i = at; i < at + len; i++) {
            byte c = b[i];
            if (c < 0x20 || c == '"' || c == '\\' || c == '<') { // a byte beyond ASCII is negative
                jsonUtf8(Arrays.copyOfRange(b, at, at + len));
                return false;
            }
        }
        b[n] = '"';
        b[at + len] = '"';
        n = at + len + 1;
        return true;
    }

    /**
     * Appends the UTF-8 bytes {@code s} as a JSON string, as {@link #json} appends the String
     * they decode to ({@link dev.golink.GoString#decode}), without making it: a byte that is no
     * character is the lone surrogate that decoding makes of it, escaped; a character, its bytes.
     */
    TextSink jsonUtf8(byte[] s) {
        add('"');
        int i = 0;
        while (i < s.length) {
            int c = s[i] & 0xff;
            if (c < 0x80) {
                jsonChar((char) c);
                i++;
                continue;
            }
            int len = dev.golink.GoString.sequenceLength(s, i, s.length);
            if (len == 0) {
                unicodeEscape(0xdc00 | c);
                i++;
            } else {
                add(s, i, i + len);
                i += len;
            }
        }
        return add('"');
    }

    /**
     * Appends {@code s} as a JSON string; a lone surrogate (a byte of a name that was not UTF-8)
     * stays escaped, and so does '<' (as Go's encoding/json does): the page embeds the report in a
     * script element, which a "</script>" in a name would otherwise end.
     */
    TextSink json(String s) {
        int len = s.length();
        room(len + 2);
        byte[] b = buf;
        int k = n;
        b[k++] = '"';
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '<') {
                b[k++] = (byte) c;
                continue;
            }
            // Rare: finish the string the slow way.
            n = k;
            jsonSlow(s, i);
            return this;
        }
        b[k++] = '"';
        n = k;
        return this;
    }

    private void jsonSlow(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                jsonChar(c);
            } else if (Character.isSurrogate(c) && !validPair(s, i)) {
                unicodeEscape(c);
            } else if (Character.isHighSurrogate(c)) {
                add(s.substring(i, i + 2));
                i++;
            } else {
                add(String.valueOf(c));
            }
        }
        add('"');
    }

    /** Appends an ASCII character of a JSON string, escaped where it must be. */
    private void jsonChar(char c) {
        switch (c) {
            case '"' -> add("\\\"");
            case '\\' -> add("\\\\");
            case '\n' -> add("\\n");
            case '\t' -> add("\\t");
            default -> {
                if (c < 0x20 || c == '<') {
                    unicodeEscape(c);
                } else {
                    add(c);
                }
            }
        }
    }

    /** Appends the JSON escape of {@code c}: a backslash, 'u', and its four hex digits. */
    private void unicodeEscape(int c) {
        add("\\u").add(c < 0x1000 ? "0" : "").add(c < 0x100 ? "0" : "").add(c < 0x10 ? "0" : "");
        hex(c, 0);
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    TextSink add(byte[] bytes) {
        return add(bytes, 0, bytes.length);
    }

    /** Appends {@code bytes[from, to)}. */
    TextSink add(byte[] bytes, int from, int to) {
        int len = to - from;
        room(len);
        System.arraycopy(bytes, from, buf, n, len);
        n += len;
        return this;
    }

    /** The bytes so far of a {@link #oneArray} text. */
    int size() {
        if (chained) {
            throw new IllegalStateException("a text in chunks has no single size in its array");
        }
        return n;
    }

    /** The array a {@link #oneArray} text is in (its first {@link #size} bytes), no longer valid once more is added. */
    byte[] array() {
        if (chained) {
            throw new IllegalStateException("a text in chunks is in no one array");
        }
        return buf;
    }

    byte[] bytes() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // not from memory
        }
        return out.toByteArray();
    }

    void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < chunks.size(); i++) {
            out.write(chunks.get(i), 0, chunkLengths.get(i));
        }
        out.write(buf, 0, n);
    }

    /** The text (for tests and for the few callers that need a String). */
    @Override
    public String toString() {
        return new String(bytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
