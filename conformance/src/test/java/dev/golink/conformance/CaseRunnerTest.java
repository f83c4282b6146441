package dev.golink.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaseRunnerTest {

    @Test
    void variantFlagsGoBeforeTheMainArchive() {
        assertEquals(List.of("-o", "a.out", "-s", "-w", "pkg/main.a"),
                CaseRunner.argsFor(List.of("-o", "a.out", "pkg/main.a"), List.of("-s", "-w")));
    }

    @Test
    void environmentFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("env"), "GOOS=linux\nGOARCH=arm\nGOARM=5\nGOROOT=/usr/lib/go-1.19\n");
        assertEquals(Map.of("GOOS", "linux", "GOARCH", "arm", "GOARM", "5", "GOROOT", "/usr/lib/go-1.19"),
                CaseRunner.readEnv(dir.resolve("env")));
    }

    @Test
    void expectationsIgnoreCommentsAndBlanks(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("e.txt"), "# header\n\nlinux-amd64/hello/sw  # stripped\n  js-wasm/asm/X\n");
        Expectations e = Expectations.read(dir.resolve("e.txt"));
        assertEquals(2, e.identical().size());
        assertTrue(e.identical().contains("linux-amd64/hello/sw"));
        assertTrue(e.identical().contains("js-wasm/asm/X"));
    }
}
