package dev.golink.maven;

import dev.golink.Target;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Per-target placeholders in path parameters: {@code @{goos}}, {@code @{goarch}}
 * and {@code @{target}} (= {@code goos-goarch}). The {@code @{...}} form is the
 * one Maven leaves alone (surefire's {@code @{argLine}} relies on it too): a
 * {@code ${goos}} would be interpolated, or eaten, by Maven before the Mojo sees it.
 */
final class Placeholders {

    private Placeholders() {
    }

    /** Replaces the placeholders in {@code value} for {@code target}; {@code element} names the parameter in errors. */
    static String substitute(String value, Target target, String element) throws MojoExecutionException {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("@{", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            int end = value.indexOf('}', start);
            if (end < 0) {
                throw new MojoExecutionException(element + ": unclosed placeholder in \"" + value
                        + "\" (use @{goos}, @{goarch} or @{target})");
            }
            out.append(value, i, start);
            String name = value.substring(start + 2, end);
            out.append(switch (name) {
                case "goos" -> target.goos();
                case "goarch" -> target.goarch();
                case "target" -> target.fileName();
                default -> throw new MojoExecutionException(element + ": unknown placeholder @{" + name + "} in \""
                        + value + "\" (use @{goos}, @{goarch} or @{target})");
            });
            i = end + 1;
        }
        return out.toString();
    }
}
