package dev.golink.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cases that must be byte-identical: one case id a line
 * ({@code linux-amd64/hello/sw}), {@code #} starts a comment. The list only grows.
 */
public record Expectations(Set<String> identical) {

    public static Expectations read(Path file) {
        Set<String> ids = new TreeSet<>();
        if (Files.exists(file)) {
            for (String line : GoldenCorpus.readLines(file)) {
                int hash = line.indexOf('#');
                String id = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        return new Expectations(Set.copyOf(ids));
    }

    public boolean expectsIdentical(ConformanceCase c) {
        return identical.contains(c.id());
    }
}
