package dev.golink.maven;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The toolexec script and the server, talking through the spool as go build makes them. */
class LinkServerTest {

    @TempDir
    Path tmp;

    /** Runs the script as go build would run a tool: {@code script tool args...}. */
    private static String[] runScript(LinkServer server, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", server.script().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(server.environment());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        return new String[] {Integer.toString(p.waitFor()), out, err};
    }

    @Test
    void theLinkerIsServedInProcessAndOtherToolsRunThemselves() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        try (LinkServer server = LinkServer.start(tmp, served -> { }, line -> { })) {
            assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                    java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE),
                    Files.getPosixFilePermissions(server.script().getParent()), "only this user opens the spool");
            String[] version = runScript(server, Map.of(), "/no/such/goroot/pkg/tool/linux_amd64/link", "-V=full");
            assertEquals("0", version[0], version[2]);
            assertEquals("link version go1.19.8\n", version[1]);

            String[] echo = runScript(server, Map.of(), "/bin/echo", "compiled");
            assertEquals("compiled\n", echo[1]);

            String[] bad = runScript(server, Map.of("GOOS", "linux", "GOARCH", "amd64"), "/x/link", "-o",
                    tmp.resolve("a.out").toString(), tmp.resolve("missing.a").toString());
            assertEquals("2", bad[0]); // cmd/link's exit status for a failed link
            assertTrue(bad[2].startsWith("golink: "), bad[2]);
            assertTrue(bad[2].contains("missing.a"), bad[2]);
            assertEquals(1, server.links());
        }
        try (var files = Files.list(tmp)) {
            assertFalse(files.findAny().isPresent(), "closing removes the spool and the script");
        }
    }
}
