package dev.golink;

import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Linker.link at its edges: a missing input is named, and no output is left. */
class LinkerPhasesTest {

    @TempDir
    static Path work;

    @Test
    void missingMainArchiveIsNamed(@TempDir Path dir) throws LinkException {
        LinkOptions options = CommandLine.parse(List.of("-o", "out", "main.a"),
                Map.of("GOOS", "linux", "GOARCH", "amd64"), dir).options();
        LinkException e = assertThrows(LinkException.class, () -> new Linker(System.out).link(options));
        // cmd/link's words: the archive as named, and Go's words for the failure.
        assertEquals("cannot open file main.a: open main.a: no such file or directory", e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
