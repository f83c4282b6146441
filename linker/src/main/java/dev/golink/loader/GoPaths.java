package dev.golink.loader;

/** Go's spelling of package paths: path.Clean and objabi.PathToPrefix. */
public final class GoPaths {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoPaths() {
    }

    /**
     * The symbol-name prefix of a package path: bytes that cannot appear in a
     * symbol name (control characters, space, %, ", non-ASCII, and dots after the
     * last slash) become %xx.
     */
    public static String pathToPrefix(String s) {
        int slash = s.lastIndexOf('/');
        byte[] b = dev.golink.GoString.encode(s);
        boolean needs = false;
        for (int r = 0; r < b.length; r++) {
            if (escapes(b[r] & 0xff, r > slash)) {
                needs = true;
                break;
            }
        }
        if (!needs) {
            return s;
        }
        StringBuilder sb = new StringBuilder(b.length + 8);
        for (int r = 0; r < b.length; r++) {
            int c = b[r] & 0xff;
            if (escapes(c, r > slash)) {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static boolean escapes(int c, boolean afterSlash) {
        return c <= ' ' || (c == '.' && afterSlash) || c == '%' || c == '"' || c >= 0x7f;
    }

    /** Lexical path cleaning with slashes, as Go's path.Clean. */
    public static String clean(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        if (isClean(p)) {
            return p; // the common case (paths from the compiler), without splitting
        }
        boolean rooted = p.charAt(0) == '/';
        String[] parts = p.split("/");
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.peekLast().equals("..")) {
                    out.removeLast();
                } else if (!rooted) {
                    out.addLast("..");
                }
                continue;
            }
            out.addLast(part);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** Whether {@code p} (not empty) has no empty, "." or ".." element and no trailing slash. */
    private static boolean isClean(String p) {
        int n = p.length();
        if (n > 1 && p.charAt(n - 1) == '/') {
            return false;
        }
        int start = 0; // start of the current element
        for (int i = 0; i <= n; i++) {
            if (i == n || p.charAt(i) == '/') {
                int len = i - start;
                if (len == 0 && i > 0 && i < n) {
                    return false; // "//"
                }
                if (len == 1 && p.charAt(start) == '.' && n > 1) {
                    return false;
                }
                if (len == 2 && p.charAt(start) == '.' && p.charAt(start + 1) == '.') {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /** Go's path.Base. */
    public static String base(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        int end = p.length();
        while (end > 0 && p.charAt(end - 1) == '/') {
            end--;
        }
        if (end == 0) {
            return "/";
        }
        p = p.substring(0, end);
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** Go's path.Dir. */
    public static String dir(String p) {
        int slash = p.lastIndexOf('/');
        if (!p.isEmpty() && isClean(p)) {
            // Without the trailing slash that cleaning would remove: the common case, no splitting.
            return slash < 0 ? "." : slash == 0 ? "/" : p.substring(0, slash);
        }
        return clean(p.substring(0, slash + 1));
    }

    /** Go's path.Join of two elements. */
    public static String join(String a, String b) {
        if (a.isEmpty()) {
            return clean(b);
        }
        // b often starts with a slash ($GOROOT's rest): the doubled slash the join makes would
        // send every such path through the splitting; without it, it is usually clean already.
        String joined = !b.isEmpty() && b.charAt(0) == '/' ? a + b : a + "/" + b;
        return isClean(joined) ? joined : clean(a + "/" + b);
    }
}
