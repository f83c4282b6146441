package dev.golink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Go string literals: unquoting (as strconv.Unquote), to bytes, since a quoted Go
 * string may hold bytes that are not UTF-8 and {@code modinfo} does; and quoting,
 * as fmt's {@code %q} writes a string into cmd/link's messages. A literal cmd/link
 * cannot unquote ends the link as its log.Fatalf does.
 */
public final class GoQuote {

    private GoQuote() {
    }

    /** {@code s} (Go's bytes, see {@link dev.golink.GoString}) quoted as Go's strconv.Quote does. */
    public static String quote(String s) {
        byte[] b = dev.golink.GoString.encode(s);
        StringBuilder q = new StringBuilder(b.length + 2).append('"');
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                switch (c) {
                    case '"' -> q.append("\\\"");
                    case '\\' -> q.append("\\\\");
                    case 7 -> q.append("\\a");
                    case '\b' -> q.append("\\b");
                    case '\f' -> q.append("\\f");
                    case '\n' -> q.append("\\n");
                    case '\r' -> q.append("\\r");
                    case '\t' -> q.append("\\t");
                    case 11 -> q.append("\\v");
                    default -> {
                        if (c < 0x20 || c == 0x7f) {
                            q.append(String.format("\\x%02x", c));
                        } else {
                            q.append((char) c);
                        }
                    }
                }
                i++;
                continue;
            }
            int n = utf8Length(b, i);
            if (n == 0) {
                q.append(String.format("\\x%02x", c)); // not UTF-8: the byte, escaped
                i++;
                continue;
            }
            int cp = new String(b, i, n, StandardCharsets.UTF_8).codePointAt(0);
            if (Character.isISOControl(cp) || !Character.isDefined(cp)
                    || (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) && cp != ' ') {
                q.append(cp < 0x10000 ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
            } else {
                q.appendCodePoint(cp);
            }
            i += n;
        }
        return q.append('"').toString();
    }

    /** The length of the valid UTF-8 sequence at {@code i}, 0 if there is none. */
    private static int utf8Length(byte[] b, int i) {
        int c = b[i] & 0xff;
        int n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
        if (n == 0 || i + n > b.length) {
            return 0;
        }
        for (int k = 1; k < n; k++) {
            if ((b[i + k] & 0xc0) != 0x80) {
                return 0;
            }
        }
        int cp = new String(b, i, n, StandardCharsets.UTF_8).codePointAt(0);
        boolean minimal = n == 2 || n == 3 && cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff) || n == 4 && cp >= 0x10000
                && cp <= 0x10ffff;
        return minimal ? n : 0;
    }

    public static byte[] unquote(String s, String what) throws LinkException {
        byte[] in = dev.golink.GoString.encode(s);
        int n = in.length;
        if (n < 2 || in[0] != in[n - 1] || (in[0] != '"' && in[0] != '`')) {
            throw new LogFatalException(what + ": invalid syntax");
        }
        if (in[0] == '`') {
            ByteArrayOutputStream out = new ByteArrayOutputStream(n);
            for (int i = 1; i < n - 1; i++) {
                if (in[i] == '`') {
                    throw new LogFatalException(what + ": invalid syntax");
                }
                if (in[i] != '\r') {
                    out.write(in[i]);
                }
            }
            return out.toByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        int i = 1;
        while (i < n - 1) {
            byte c = in[i];
            if (c == '"' || c == '\n') {
                throw new LogFatalException(what + ": invalid syntax");
            }
            if (c != '\\') {
                out.write(c);
                i++;
                continue;
            }
            if (i + 1 >= n - 1) {
                throw new LogFatalException(what + ": invalid syntax");
            }
            char e = (char) in[i + 1];
            i += 2;
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'n' -> out.write(10);
                case 'r' -> out.write(13);
                case 't' -> out.write(9);
                case 'v' -> out.write(11);
                case '\\' -> out.write('\\');
                case '"' -> out.write('"');
                case '\'' -> throw new LogFatalException(what + ": invalid syntax");
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits > n - 1) {
                        throw new LogFatalException(what + ": invalid syntax");
                    }
                    int v;
                    try {
                        v = (int) Long.parseLong(new String(in, i, digits, StandardCharsets.ISO_8859_1), 16);
                    } catch (NumberFormatException ex) {
                        throw new LogFatalException(what + ": invalid syntax");
                    }
                    i += digits;
                    if (e == 'x') {
                        out.write(v);
                    } else {
                        if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) {
                            throw new LogFatalException(what + ": invalid syntax");
                        }
                        out.writeBytes(new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8));
                    }
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    if (i + 2 > n - 1) {
                        throw new LogFatalException(what + ": invalid syntax");
                    }
                    int v = 0;
                    for (int k = -1; k < 2; k++) {
                        int d = in[i + k] - '0';
                        if (d < 0 || d > 7) {
                            throw new LogFatalException(what + ": invalid syntax");
                        }
                        v = v * 8 + d;
                    }
                    if (v > 255) {
                        throw new LogFatalException(what + ": invalid syntax");
                    }
                    i += 2;
                    out.write(v);
                }
                default -> throw new LogFatalException(what + ": invalid syntax");
            }
        }
        return out.toByteArray();
    }
}
