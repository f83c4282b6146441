package dev.golink.it.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelloExecutableTest {

    @Test
    void hostExecutableRunsFromTheClasspath(@TempDir Path dir) throws Exception {
        Path exe = HelloExecutable.extract(dir);
        assertTrue(Files.isExecutable(exe), exe + " is not executable");

        Process p = new ProcessBuilder(exe.toString(), "junit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the executable did not end");

        assertEquals(0, p.exitValue(), out);
        assertEquals("hello, junit, from " + HelloExecutable.hostTarget().replace('-', '/') + "\n", out);
    }
}
