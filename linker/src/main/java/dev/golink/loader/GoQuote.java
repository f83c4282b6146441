package dev.golink.loader;

import dev.golink.LinkException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Go string literal unquoting (as strconv.Unquote), to bytes: a quoted Go string
 * may hold bytes that are not UTF-8, and {@code modinfo} does.
 */
final class GoQuote {

    private GoQuote() {
    }

    static byte[] unquote(String s, String what) throws LinkException {
        byte[] in = dev.golink.GoString.encode(s);
        int n = in.length;
        if (n < 2 || in[0] != in[n - 1] || (in[0] != '"' && in[0] != '`')) {
            throw new LinkException(what + ": invalid syntax");
        }
        if (in[0] == '`') {
            ByteArrayOutputStream out = new ByteArrayOutputStream(n);
            for (int i = 1; i < n - 1; i++) {
                if (in[i] == '`') {
                    throw new LinkException(what + ": invalid syntax");
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
                throw new LinkException(what + ": invalid syntax");
            }
            if (c != '\\') {
                out.write(c);
                i++;
                continue;
            }
            if (i + 1 >= n - 1) {
                throw new LinkException(what + ": invalid syntax");
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
                case '\'' -> throw new LinkException(what + ": invalid syntax");
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits > n - 1) {
                        throw new LinkException(what + ": invalid syntax");
                    }
                    int v;
                    try {
                        v = (int) Long.parseLong(new String(in, i, digits, StandardCharsets.ISO_8859_1), 16);
                    } catch (NumberFormatException ex) {
                        throw new LinkException(what + ": invalid syntax");
                    }
                    i += digits;
                    if (e == 'x') {
                        out.write(v);
                    } else {
                        if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) {
                            throw new LinkException(what + ": invalid syntax");
                        }
                        out.writeBytes(new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8));
                    }
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    if (i + 2 > n - 1) {
                        throw new LinkException(what + ": invalid syntax");
                    }
                    int v = 0;
                    for (int k = -1; k < 2; k++) {
                        int d = in[i + k] - '0';
                        if (d < 0 || d > 7) {
                            throw new LinkException(what + ": invalid syntax");
                        }
                        v = v * 8 + d;
                    }
                    if (v > 255) {
                        throw new LinkException(what + ": invalid syntax");
                    }
                    i += 2;
                    out.write(v);
                }
                default -> throw new LinkException(what + ": invalid syntax");
            }
        }
        return out.toByteArray();
    }
}
