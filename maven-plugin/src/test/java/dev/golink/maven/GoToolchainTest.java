package dev.golink.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GoToolchainTest {

    @TempDir
    Path tmp;

    /** A stand-in go command: a shell script that prints {@code version} for {@code go env GOVERSION}. */
    static Path fakeGo(Path dir, String version) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Path go = dir.resolve("go");
        Files.writeString(go, "#!/bin/sh\n[ \"$1 $2 $3\" = \"env GOVERSION GOFLAGS\" ] && echo " + version
                + " && echo -trimpath && exit 0\necho 'go: unknown command' >&2\nexit 2\n");
        assertTrue(go.toFile().setExecutable(true));
        return go;
    }

    @Test
    void wordsAreQuotedAsGoSplitsThem() throws Exception {
        assertEquals("/a/b", GoToolchain.quote("/a/b"));
        assertEquals("'/a b/c'", GoToolchain.quote("/a b/c"));
        assertEquals("\"it's\"", GoToolchain.quote("it's"));
        assertEquals("''", GoToolchain.quote(""));
        assertThrows(MojoExecutionException.class, () -> GoToolchain.quote("'\""));
    }

    @Test
    void anotherGoVersionIsRefusedNamingGoExecutable() throws Exception {
        Path go = fakeGo(tmp, "go1.21.0");
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> GoToolchain.open(go.toString(), Map.of("PATH", "/usr/bin:/bin"), line -> { }));
        assertTrue(e.getMessage().startsWith("<goExecutable>: " + go + " is go1.21.0, but golink links the objects"
                + " of Go 1.19 only"), e.getMessage());
    }

    @Test
    void go119PointReleasesAreAccepted() throws Exception {
        GoToolchain go = GoToolchain.open(fakeGo(tmp, "go1.19.8").toString(), Map.of(), line -> { });
        assertEquals("go1.19.8", go.version());
        assertEquals("-trimpath", go.goflags());
        Files.delete(tmp.resolve("go"));
        assertEquals("go1.19", GoToolchain.open(fakeGo(tmp, "go1.19").toString(), Map.of(), line -> { }).version());
        Files.delete(tmp.resolve("go"));
        assertThrows(MojoExecutionException.class, () -> GoToolchain.open(fakeGo(tmp, "go1.190").toString(), Map.of(), line -> { }));
    }

    @Test
    void aMissingGoNamesGoExecutable() {
        String missing = tmp.resolve("no-go-here").toString();
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> GoToolchain.open(missing, Map.of(), line -> { }));
        assertTrue(e.getMessage().startsWith("<goExecutable>: cannot run " + missing), e.getMessage());
    }
}
