package dev.golink.ld;

import java.util.ArrayList;
import java.util.List;

/** Go's path.Join and path.Clean for slash-separated paths. */
final class GoPath {

    private GoPath() {
    }

    static String join(String a, String b) {
        if (a.isEmpty()) {
            return clean(b);
        }
        return clean(a + "/" + b);
    }

    static String clean(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        boolean rooted = p.charAt(0) == '/';
        List<String> out = new ArrayList<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!rooted) {
                    out.add("..");
                }
                continue;
            }
            out.add(part);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
