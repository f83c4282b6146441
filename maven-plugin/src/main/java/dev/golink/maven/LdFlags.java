package dev.golink.maven;

import org.apache.maven.plugin.MojoExecutionException;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code -ldflags} of the goal's go builds: {@code <strip>}, {@code <stripDwarf>} and
 * {@code <variables>} as {@code -s}, {@code -w} and {@code -X}, after any {@code -ldflags}
 * that GOFLAGS gives. One flag on the command line replaces GOFLAGS' one, so both are
 * merged into it, and the go command records the merged flags in the build info as
 * {@code go build -ldflags="..."} would.
 */
final class LdFlags {

    private LdFlags() {
    }

    /** The go build arguments: none, or one {@code -ldflags=...}. */
    static List<String> arguments(String goflags, boolean strip, boolean stripDwarf, List<String> definitions)
            throws MojoExecutionException {
        List<String> ours = new ArrayList<>();
        if (strip) {
            ours.add("-s");
        }
        if (stripDwarf) {
            ours.add("-w");
        }
        for (String definition : definitions) {
            ours.add("-X");
            ours.add(GoToolchain.quote(definition));
        }
        if (ours.isEmpty()) {
            return List.of();
        }
        String inherited = fromGoflags(goflags);
        if (!inherited.isEmpty() && !inherited.startsWith("-")) {
            throw new MojoExecutionException("GOFLAGS sets -ldflags=" + inherited + " for a package pattern, which"
                    + " cannot be merged with <strip>, <stripDwarf> or <variables>: move them into GOFLAGS or"
                    + " drop the pattern");
        }
        String joined = String.join(" ", ours);
        return List.of("-ldflags=" + (inherited.isEmpty() ? joined : inherited + " " + joined));
    }

    /** The value of the last {@code -ldflags} in GOFLAGS (whose words are blank-separated), or "". */
    static String fromGoflags(String goflags) {
        String value = "";
        for (String word : goflags.strip().split("\\s+")) {
            for (String prefix : List.of("-ldflags=", "--ldflags=")) {
                if (word.startsWith(prefix)) {
                    value = word.substring(prefix.length());
                }
            }
        }
        return value;
    }

    /** The go build command line a user would type for the same output (for the log and the README). */
    static String commandLine(List<String> arguments) {
        List<String> words = new ArrayList<>();
        for (String a : arguments) {
            words.add(a.startsWith("-ldflags=") ? "-ldflags='" + a.substring("-ldflags=".length()) + "'" : a);
        }
        return String.join(" ", words);
    }
}
