package dev.golink;

import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The phases Linker.link runs so far: load and deadcode, then a clear stop. */
class LinkerPhasesTest {

    @TempDir
    static Path work;

    @Test
    void missingMainArchiveIsNamed(@TempDir Path dir) throws LinkException {
        LinkOptions options = CommandLine.parse(List.of("-o", "out", "main.a"),
                Map.of("GOOS", "linux", "GOARCH", "amd64"), dir).options();
        LinkException e = assertThrows(LinkException.class, () -> new Linker(System.out).link(options));
        assertTrue(e.getMessage().startsWith("cannot open file " + dir.resolve("main.a")), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void everyTargetLoadsAndStopsAfterDeadcode() throws Exception {
        for (Target t : Target.SUPPORTED) {
            if (t.goos().equals("linux")) {
                continue; // ELF targets link to the end: see OutputTest and the conformance suite
            }
            Path inputs = GoldenInputs.unpack(t, work);
            LinkOptions options = GoldenInputs.options(inputs, "hello", "-v", "-o", work.resolve("hello-" + t.fileName()).toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LinkException e;
            try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
                e = assertThrows(LinkException.class, () -> new Linker(ps).link(options));
            }
            assertTrue(e.getMessage().contains("cannot link " + t + " yet"), t + ": " + e.getMessage());
            String report = out.toString(StandardCharsets.UTF_8);
            assertTrue(report.contains("loadlib") && report.contains("deadcode"), report);
            // link.args names the output (-o a.out, after the flags given here).
            assertFalse(Files.exists(options.output()), t + " left an output file");
            assertFalse(Files.exists(work.resolve("hello-" + t.fileName())), t + " left an output file");
        }
    }
}
