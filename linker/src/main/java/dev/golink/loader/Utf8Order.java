package dev.golink.loader;

/**
 * Go orders strings bytewise over their UTF-8 encoding. Comparing Java strings
 * char by char gives the same order without encoding them, except that a
 * surrogate (part of a code point above U+FFFF) must sort after U+E000..U+FFFF.
 */
public final class Utf8Order {

    private Utf8Order() {
    }

    /** Negative, zero or positive as {@code x} sorts before, with or after {@code y} in Go. */
    public static int compare(String x, String y) {
        int n = Math.min(x.length(), y.length());
        for (int i = 0; i < n; i++) {
            char c = x.charAt(i);
            char d = y.charAt(i);
            if (c != d) {
                boolean cs = Character.isSurrogate(c);
                if (cs != Character.isSurrogate(d)) {
                    return cs ? 1 : -1;
                }
                return c - d;
            }
        }
        return x.length() - y.length();
    }
}
