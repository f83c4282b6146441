package dev.golink.conformance.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * The execution recipe of a program of Go's test tree ({@code $GOROOT/test}), read
 * as that tree's own driver ({@code test/run.go}) reads it: the file's first
 * paragraph, less a first line holding {@code +build}, less the leading {@code //},
 * split into words honouring quotes. The first word is the action; words that
 * start with {@code -} are the driver's own switches ({@code -t}, {@code -goexperiment},
 * {@code -0}, {@code -1}, {@code -s}) or flags for the go command; the rest are the
 * program's arguments.
 *
 * @param action       {@code run}, {@code compile}, {@code errorcheck}, ...
 * @param buildFlags   flags for {@code go build}, such as {@code -gcflags=-l=4}
 * @param args         the program's arguments
 * @param goexperiment the GOEXPERIMENT the recipe sets, or empty
 * @param timeoutSeconds the recipe's {@code -t}, or 0
 */
public record Recipe(String action, List<String> buildFlags, List<String> args, String goexperiment,
                     int timeoutSeconds) {

    /** The recipe of a test file's source, or null when it has none (the driver skips such files). */
    public static Recipe parse(String src) {
        if (src.isEmpty() || src.charAt(0) == '\n') {
            return null;
        }
        int blank = src.indexOf("\n\n");
        if (blank < 0) {
            return null;
        }
        String action = src.substring(0, blank);
        int nl = action.indexOf('\n');
        if (nl >= 0 && action.substring(0, nl).contains("+build")) {
            action = action.substring(nl + 1);
        }
        if (action.startsWith("//")) {
            action = action.substring(2);
        }
        List<String> words = splitQuoted(action);
        if (words == null || words.isEmpty()) {
            return null;
        }
        List<String> flags = new ArrayList<>();
        String goexperiment = "";
        int timeout = 0;
        int i = 1;
        for (; i < words.size() && words.get(i).startsWith("-"); i++) {
            String w = words.get(i);
            switch (w) {
                case "-0", "-1", "-s" -> {
                    // the driver's expectations of an error, and per-file packages: nothing to build differently
                }
                case "-t" -> {
                    if (++i < words.size()) {
                        try {
                            timeout = Integer.parseInt(words.get(i));
                        } catch (NumberFormatException e) {
                            return null; // the driver refuses the recipe too
                        }
                    }
                }
                case "-goexperiment" -> {
                    if (++i < words.size()) {
                        goexperiment = goexperiment.isEmpty() ? words.get(i) : goexperiment + "," + words.get(i);
                    }
                }
                default -> flags.add(w);
            }
        }
        return new Recipe(words.get(0), List.copyOf(flags), List.copyOf(words.subList(Math.min(i, words.size()),
                words.size())), goexperiment, timeout);
    }

    /** Words separated by white space; single or double quotes group, and are removed. Null on an open quote. */
    static List<String> splitQuoted(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            return null;
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
