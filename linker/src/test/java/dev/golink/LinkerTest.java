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

class LinkerTest {

    private static LinkException linkFails(Path dir, Map<String, String> env, String... flags) throws LinkException {
        List<String> args = new java.util.ArrayList<>(List.of(flags));
        args.addAll(List.of("-o", "out", "main.a"));
        LinkOptions options = CommandLine.parse(args, env, dir).options();
        LinkException e = assertThrows(LinkException.class, () -> new Linker(System.out).link(options));
        assertFalse(Files.exists(dir.resolve("out")), "a failed link must leave no output");
        return e;
    }

    @Test
    void pieIsLinkedOnlyForWindowsAndAndroid(@TempDir Path dir) throws LinkException {
        LinkException e = linkFails(dir, Map.of("GOOS", "linux", "GOARCH", "amd64"), "-buildmode=pie");
        assertTrue(e.getMessage().contains("-buildmode=pie is not supported by golink"), e.getMessage());
        // android/arm64 takes it (go build's default there): the link gets as far as its missing input.
        e = linkFails(dir, Map.of("GOOS", "android", "GOARCH", "arm64"), "-buildmode=pie");
        assertFalse(e.getMessage().contains("-buildmode"), e.getMessage());
        assertTrue(e.getMessage().contains("main.a"), e.getMessage());
    }

    @Test
    void unsupportedTargetsAreNamed(@TempDir Path dir) throws LinkException {
        // Both words are GOOS and GOARCH values, but Go 1.19 has no darwin/386 port.
        LinkException e = linkFails(dir, Map.of("GOOS", "darwin", "GOARCH", "386"));
        assertTrue(e.getMessage().contains("target darwin/386 is not supported"), e.getMessage());
        e = linkFails(dir, Map.of("GOOS", "linux", "GOARCH", "vax"));
        assertTrue(e.getMessage().contains("unknown GOOS/GOARCH pair linux/vax"), e.getMessage());
    }

    @Test
    void externalOnlyPortsAreRefusedInCmdLinksWords(@TempDir Path dir) throws LinkException {
        for (String[] t : new String[][] {{"android", "386"}, {"android", "amd64"}, {"android", "arm"}, {"ios", "arm64"}}) {
            LinkException e = linkFails(dir, Map.of("GOOS", t[0], "GOARCH", t[1]), "-buildmode=pie");
            assertEquals("internal linking requested but external linking required: " + t[0] + "/" + t[1]
                    + " requires external linking", e.getMessage());
        }
        assertFalse(new Target("android", "arm64").mustLinkExternal());
        assertFalse(new Target("ios", "amd64").mustLinkExternal());
    }

    @Test
    void debianDefaults() throws LinkException {
        BuildConfig c = BuildConfig.fromEnvironment(Map.of("GOARM", ""));
        assertTrue(c.goarm() == 5 && c.go386().equals("softfloat") && c.goamd64() == 1);
        assertTrue(c.goroot().equals("/usr/lib/go-1.19") && c.gorootFinal().equals(c.goroot()));
        assertTrue(c.target().equals(new Target("linux", "amd64")));
    }
}
