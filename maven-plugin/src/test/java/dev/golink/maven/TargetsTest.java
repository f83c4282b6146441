package dev.golink.maven;

import dev.golink.Target;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetsTest {

    @Test
    void parsesInOrderWithoutBlanksOrDuplicates() throws Exception {
        assertEquals(List.of(new Target("js", "wasm"), new Target("linux", "arm64")),
                Targets.parse(Arrays.asList(" js/wasm", "", null, "linux/arm64 ", "js/wasm"), "<targets>", "Linux", "amd64"));
    }

    @Test
    void everySupportedTargetIsAccepted() throws Exception {
        List<String> all = Target.SUPPORTED.stream().map(Target::toString).toList();
        assertEquals(Target.SUPPORTED, Targets.parse(all, "<targets>", "Linux", "amd64"));
    }

    @Test
    void emptyMeansTheHost() throws Exception {
        assertEquals(List.of(new Target("linux", "amd64")), Targets.parse(null, "<targets>", "Linux", "amd64"));
        assertEquals(List.of(new Target("linux", "amd64")), Targets.parse(List.of(), "<targets>", "Linux", "x86_64"));
        assertEquals(List.of(new Target("darwin", "arm64")), Targets.parse(List.of(" "), "<targets>", "Mac OS X", "aarch64"));
        assertEquals(List.of(new Target("linux", "386")), Targets.parse(List.of(), "<targets>", "Linux", "i386"));
        assertEquals(List.of(new Target("linux", "s390x")), Targets.parse(List.of(), "<targets>", "Linux", "s390x"));
        assertEquals(List.of(new Target("linux", "mipsle")), Targets.parse(List.of(), "<targets>", "Linux", "mipsel"));
        assertEquals(List.of(new Target("linux", "ppc64le")), Targets.parse(List.of(), "<targets>", "Linux", "ppc64le"));
        assertEquals(List.of(new Target("linux", "loong64")), Targets.parse(List.of(), "<targets>", "Linux", "loongarch64"));
    }

    @Test
    void aWindowsHostLinksForWindows() throws MojoExecutionException {
        assertEquals(List.of(new Target("windows", "amd64")), Targets.parse(List.of(), "<targets>", "Windows 11", "amd64"));
    }

    @Test
    void anUnsupportedHostAsksForTargets() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> Targets.parse(List.of(), "<targets>", "FreeBSD", "sparc64"));
        assertTrue(e.getMessage().startsWith("<targets> is empty, so golink would link for this machine"
                + " (FreeBSD sparc64 = freebsd/sparc64), which it cannot"), e.getMessage());
    }

    @Test
    void aFreeBsdHostLinksForFreeBsd() throws MojoExecutionException {
        assertEquals(List.of(new Target("freebsd", "amd64")), Targets.parse(List.of(), "<targets>", "FreeBSD", "amd64"));
    }

    @Test
    void refusalsNameTargets() {
        for (String bad : List.of("android/386", "plan9/vax", "linux", "linux/amd64/v3", "/amd64")) {
            MojoExecutionException e = assertThrows(MojoExecutionException.class,
                    () -> Targets.parse(List.of(bad), "<targets>", "Linux", "amd64"), bad);
            assertTrue(e.getMessage().startsWith("<targets>: "), e.getMessage());
        }
    }

    @Test
    void refusalsNameThePropertyWhenTheTargetsCameFromIt() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> Targets.parse(List.of("linux/amd64", "plan9/vax"), "-Dgolink.targets", "Linux", "amd64"));
        assertTrue(e.getMessage().startsWith("-Dgolink.targets: plan9/vax is not a GOOS/GOARCH pair"), e.getMessage());
    }
}
