package dev.golink.conformance;

import java.util.LinkedHashSet;
import java.util.Set;

/** Compares two {@code -dumpdep} outputs as sets of {@code from -> to} lines. */
public final class EdgeSets {

    private EdgeSets() {
    }

    /** Null when the sets are equal; else how many edges are missing and extra, with the first few of each. */
    public static String compare(String expected, String actual) {
        Set<String> want = lines(expected);
        Set<String> got = lines(actual);
        Set<String> missing = new LinkedHashSet<>(want);
        missing.removeAll(got);
        Set<String> extra = new LinkedHashSet<>(got);
        extra.removeAll(want);
        if (missing.isEmpty() && extra.isEmpty()) {
            return null;
        }
        return "dead-code edges: " + want.size() + " expected, " + got.size() + " printed; " + missing.size()
                + " missing" + sample(missing) + ", " + extra.size() + " extra" + sample(extra);
    }

    private static Set<String> lines(String text) {
        Set<String> set = new LinkedHashSet<>();
        text.lines().filter(l -> !l.isBlank()).forEach(set::add);
        return set;
    }

    private static String sample(Set<String> edges) {
        return edges.isEmpty() ? "" : " (" + String.join(" | ", edges.stream().limit(3).toList())
                + (edges.size() > 3 ? " | ..." : "") + ")";
    }
}
