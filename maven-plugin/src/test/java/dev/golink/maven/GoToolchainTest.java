package dev.golink.maven;

import dev.golink.Target;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GoToolchainTest {

    private static final Target AMD64 = new Target("linux", "amd64");

    @TempDir
    Path tmp;

    /** A stand-in go command: a shell script that prints {@code version} for {@code go env GOVERSION}. */
    static Path fakeGo(Path dir, String version) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Path go = dir.resolve("go");
        Files.writeString(go, "#!/bin/sh\n[ \"$1 $2\" = \"env GOVERSION\" ] && echo " + version + " && exit 0\n"
                + "echo 'go: unknown command' >&2\nexit 2\n");
        assertTrue(go.toFile().setExecutable(true));
        return go;
    }

    @Test
    void wordsOfAGoCommandLine() {
        assertEquals(List.of("/go/pkg/tool/linux_amd64/link", "-o", "$WORK/b001/exe/a.out", "-importcfg",
                        "$WORK/b 001/importcfg.link", "-X=main.q=\"x\"", "/c/89-d"),
                GoToolchain.words("/go/pkg/tool/linux_amd64/link -o $WORK/b001/exe/a.out  -importcfg"
                        + " \"$WORK/b 001/importcfg.link\" \"-X=main.q=\\\"x\\\"\" /c/89-d"));
    }

    @Test
    void findsTheLinkInputsInTheBuildLog() throws Exception {
        String log = """
                WORK=/tmp/go-build268698253
                mkdir -p $WORK/b001/
                cat >$WORK/b001/importcfg.link << 'EOF' # internal
                packagefile example.com/hello=/root/.cache/go-build/89/89130d-d
                EOF
                mkdir -p $WORK/b001/exe/
                cd .
                /usr/lib/go-1.19/pkg/tool/linux_amd64/link -o $WORK/b001/exe/a.out -importcfg $WORK/b001/importcfg.link \
                -buildmode=exe -buildid=Zuo/ubL/-pf/Zuo -extld=gcc /root/.cache/go-build/89/89130d-d
                /usr/lib/go-1.19/pkg/tool/linux_amd64/buildid -w $WORK/b001/exe/a.out # internal
                """;
        Path scratch = tmp.resolve("scratch");
        GoToolchain.Build build = GoToolchain.parseBuildLog(log, AMD64, tmp, Map.of("GOROOT", "/usr/lib/go-1.19"),
                scratch);
        assertEquals(scratch, build.scratchDir());
        assertEquals(Path.of("/tmp/go-build268698253/b001/importcfg.link"), build.importcfg());
        assertEquals(Path.of("/root/.cache/go-build/89/89130d-d"), build.mainArchive());
        assertEquals(Map.of("GOROOT", "/usr/lib/go-1.19"), build.linkEnvironment());

        build = GoToolchain.parseBuildLog(log.replace("/root/.cache/go-build/89/89130d-d\n/usr",
                "$WORK/b001/_pkg_.a\n/usr"), AMD64, tmp, Map.of(), scratch);
        assertEquals(Path.of("/tmp/go-build268698253/b001/_pkg_.a"), build.mainArchive());
    }

    @Test
    void aBuildLogWithoutALinkNamesGoPackage() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> GoToolchain.parseBuildLog("WORK=/tmp/x\n", AMD64, tmp, Map.of(), tmp));
        assertTrue(e.getMessage().startsWith("<goPackage>: go build for linux/amd64 in " + tmp
                + " did not show its link step"), e.getMessage());
    }

    @Test
    void anotherGoVersionIsRefusedNamingGoExecutable() throws Exception {
        Path go = fakeGo(tmp, "go1.21.0");
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> GoToolchain.open(go.toString(), Map.of("PATH", "/usr/bin:/bin")));
        assertTrue(e.getMessage().startsWith("<goExecutable>: " + go + " is go1.21.0, but golink links the objects"
                + " of Go 1.19 only"), e.getMessage());
    }

    @Test
    void go119PointReleasesAreAccepted() throws Exception {
        assertEquals("go1.19.8", GoToolchain.open(fakeGo(tmp, "go1.19.8").toString(), Map.of()).version());
        Files.delete(tmp.resolve("go"));
        assertEquals("go1.19", GoToolchain.open(fakeGo(tmp, "go1.19").toString(), Map.of()).version());
        Files.delete(tmp.resolve("go"));
        assertThrows(MojoExecutionException.class, () -> GoToolchain.open(fakeGo(tmp, "go1.190").toString(), Map.of()));
    }

    @Test
    void aMissingGoNamesGoExecutable() {
        String missing = tmp.resolve("no-go-here").toString();
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> GoToolchain.open(missing, Map.of()));
        assertTrue(e.getMessage().startsWith("<goExecutable>: cannot run " + missing), e.getMessage());
    }
}
