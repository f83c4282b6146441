package dev.golink.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's exit status and messages: as cmd/link's, 2 for every refusal, and never Java's words. */
class MainTest {

    @TempDir
    Path dir;

    private String[] run(Map<String, String> env, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), env, dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).status();
        return new String[] {Integer.toString(status), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void refusalsExitWithCmdLinksStatus() throws Exception {
        Files.write(dir.resolve("main.a"), new byte[0]);
        // cmd/link exits 2 for each of these (checked with Go 1.19.8's).
        for (Map<String, String> env : List.of(Map.of("GOAMD64", "v9"), Map.of("GOOS", "plan9", "GOARCH", "mips"),
                Map.of("GOOS", "linux", "GOARCH", "sparc"), Map.of("GOOS", "android", "GOARCH", "386"),
                Map.of("GOOS", "linux", "GOARCH", "amd64"))) {
            String[] r = run(env, "-o", "out", "main.a");
            assertEquals("2", r[0], env + ": " + r[1]);
            assertTrue(r[1].startsWith("golink: "), r[1]);
            assertFalse(r[1].contains("java.") || r[1].contains("Exception"), r[1]);
        }
    }

    @Test
    void aSelfIncludingResponseFileIsRefused() throws Exception {
        Files.writeString(dir.resolve("args"), "@args\n");
        String[] r = run(Map.of(), "@args", "main.a");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("includes itself"), r[1]);
    }
}
