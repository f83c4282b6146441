package dev.golink.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The link server: requests through its spool, one server per folder, and its idle stop. */
class LinkDaemonTest {

    @TempDir
    Path dir;

    /** Writes a request as linker/golink does, then waits for its answer; returns {status, stdout, stderr}. */
    static String[] ask(Path spool, String name, String args, String env) throws Exception {
        Path tmp = Files.createDirectory(spool.resolve(name + ".tmp"));
        Files.writeString(tmp.resolve("args"), args.replace(' ', '\0') + "\0");
        Files.writeString(tmp.resolve("env"), env.isEmpty() ? "" : env.replace(' ', '\0') + "\0");
        Files.writeString(tmp.resolve("cwd"), spool.toString() + "\n");
        Path request = Files.move(tmp, spool.resolve(name + ".req"));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(request.resolve("status"))) {
            assertTrue(System.nanoTime() < deadline, "no answer to " + name);
            Thread.sleep(5);
        }
        return new String[] {Files.readString(request.resolve("status")),
                Files.readString(request.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(request.resolve("stderr"), StandardCharsets.UTF_8)};
    }

    @Test
    void servesLinksThroughItsSpoolThenStopsWhenIdle() throws Exception {
        Thread daemon = new Thread(() -> {
            try {
                LinkDaemon.main(new String[] {dir.toString(), "3"});
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        daemon.start();
        Path spool = dir.resolve("spool");
        // The file appears before its contents: wait for both.
        while (!Files.exists(dir.resolve("pid")) || Files.size(dir.resolve("pid")) == 0) {
            Thread.sleep(5);
        }
        assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(dir.resolve("pid")));

        String[] version = ask(spool, "1", "-V=full", "");
        assertEquals("0", version[0]);
        assertEquals("link version go1.19.8\n", version[1]);

        String[] missing = ask(spool, "2", "-o out missing.a", "GOOS=linux GOARCH=amd64");
        assertEquals("2", missing[0]); // as cmd/link exits on a failed link
        assertTrue(missing[2].startsWith("golink: ") && missing[2].contains("missing.a"), missing[2]);

        String[] usage = ask(spool, "3", "-nosuchflag", "");
        assertEquals("2", usage[0]);

        // A second server for the same folder goes away at once: the first holds the lock.
        LinkDaemon.main(new String[] {dir.toString(), "3"});
        assertTrue(daemon.isAlive());

        daemon.join(30_000);
        assertFalse(daemon.isAlive(), "stops after 3 seconds without links");
        assertFalse(Files.exists(dir.resolve("pid")));
    }

    @Test
    void aLiveProcessThatIsNoServerOfTheFolderIsNotTakenForOne(@TempDir Path dir) throws Exception {
        assertFalse(LinkDaemon.serves(ProcessHandle.current().pid(), dir), "this test JVM serves no folder");
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            assertFalse(LinkDaemon.serves(other.pid(), dir));
        } finally {
            other.destroyForcibly().waitFor();
        }
        assertFalse(LinkDaemon.serves(other.pid(), dir), "an ended process");
    }
}
