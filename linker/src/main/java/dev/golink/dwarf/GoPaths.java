package dev.golink.dwarf;

import java.util.ArrayList;
import java.util.List;

/** Go's path.Base, path.Dir and path.Clean for the slash-separated names in file tables. */
final class GoPaths {

    private GoPaths() {
    }

    static String base(String p) {
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

    static String dir(String p) {
        return clean(p.substring(0, p.lastIndexOf('/') + 1));
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
