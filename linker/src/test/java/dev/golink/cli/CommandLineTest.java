package dev.golink.cli;

import dev.golink.LinkException;
import dev.golink.LinkOptions;
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

class CommandLineTest {

    private static final Path DIR = Path.of("/work/dir");
    private static final Map<String, String> ENV = Map.of("GOOS", "linux", "GOARCH", "arm", "GOARM", "7");

    private static LinkOptions parse(String... args) throws LinkException {
        return CommandLine.parse(List.of(args), ENV, DIR).options();
    }

    @Test
    void parsesWhatGoBuildPasses() throws LinkException {
        LinkOptions o = parse("-o", "/tmp/b001/exe/a.out", "-importcfg", "b001/importcfg.link", "-buildmode=exe",
                "-buildid=abc/def", "-extld=gcc", "-s", "-X", "main.version=1.2.3", "-X=main.x=a=b", "b001/_pkg_.a");
        assertEquals(Path.of("/tmp/b001/exe/a.out"), o.output());
        // Inputs as named (cmd/link's messages name them so); the link opens them against the folder.
        assertEquals(Path.of("b001/importcfg.link"), o.importcfg());
        assertEquals(Path.of("b001/_pkg_.a"), o.mainArchive());
        assertEquals("abc/def", o.buildId());
        assertTrue(o.stripSymbols());
        assertFalse(o.stripDwarf());
        assertTrue(o.compressDwarf());
        assertEquals(List.of("main.version=1.2.3", "main.x=a=b"), o.definitions());
        assertEquals("arm", o.config().target().goarch());
        assertEquals(7, o.config().goarm());
    }

    @Test
    void goFlagSyntax() throws LinkException {
        LinkOptions o = parse("--w", "-compressdwarf=false", "-dumpdep=1", "-o=out", "--", "-main.a");
        assertTrue(o.stripDwarf());
        assertFalse(o.compressDwarf());
        assertTrue(o.dumpDep());
        assertEquals(DIR.resolve("out"), o.output());
        assertEquals(Path.of("-main.a"), o.mainArchive());
        assertEquals(DIR.resolve("a.out"), parse("main.a").output());
    }

    @Test
    void windowsOutputIsNamedAsCmdLinkNamesIt() throws LinkException {
        Map<String, String> windows = Map.of("GOOS", "windows", "GOARCH", "amd64");
        LinkOptions o = CommandLine.parse(List.of("-buildmode=pie", "main.a"), windows, DIR).options();
        assertEquals(DIR.resolve("a.out.exe"), o.output());
        assertEquals("pie", o.buildMode());
    }

    @Test
    void flag8IsDefinedForPlan9Amd64Only() throws LinkException {
        Map<String, String> plan9 = Map.of("GOOS", "plan9", "GOARCH", "amd64");
        assertTrue(CommandLine.parse(List.of("-8", "main.a"), plan9, DIR).options().flag8());
        assertFalse(CommandLine.parse(List.of("main.a"), plan9, DIR).options().flag8());
        LinkException e = assertThrows(LinkException.class, () -> CommandLine.parse(List.of("-8", "main.a"),
                Map.of("GOOS", "plan9", "GOARCH", "386"), DIR));
        assertTrue(e.getMessage().contains("flag provided but not defined: -8"), e.getMessage());
    }

    @Test
    void versionAndHelp() throws LinkException {
        CommandLine.Invocation v = CommandLine.parse(List.of("-V=full"), ENV, DIR);
        assertEquals("link version go1.19.8\n", v.message());
        assertTrue(CommandLine.parse(List.of("-help"), ENV, DIR).message().startsWith("usage: link"));
    }

    @Test
    void refusesWhatItCannotHonour() {
        assertMessage("flag provided but not defined: -nosuchflag", "-nosuchflag", "main.a");
        assertMessage("golink does not support the flag -race", "-race", "main.a");
        assertMessage("golink does not support -linkmode=external", "-linkmode=external", "main.a");
        assertMessage("golink does not support -buildmode=c-shared", "-buildmode=c-shared", "main.a");
        assertMessage("invalid value \"bogus\" for flag -buildmode", "-buildmode", "bogus", "main.a");
        assertMessage("flag needs an argument: -o", "-o");
        assertMessage("expected exactly one main archive", "-s");
        assertMessage("expected exactly one main archive", "a.a", "b.a");
        assertMessage("-X flag requires argument of the form importpath.name=value", "-X", "version=1", "main.a");
        assertMessage("invalid boolean value \"yes\" for -s", "-s=yes", "main.a");
        assertMessage("bad flag syntax: ---s", "---s", "main.a");
    }

    @Test
    void debugtrampIsAnIntLikeGos() throws LinkException {
        assertEquals(0, parse("main.a").debugTramp());
        assertEquals(2, parse("-debugtramp=2", "main.a").debugTramp());
        assertEquals(1, parse("-debugtramp", "1", "main.a").debugTramp());
        assertEquals(16, parse("-debugtramp=0x10", "main.a").debugTramp());
        assertEquals(8, parse("-debugtramp=010", "main.a").debugTramp());
        assertEquals(-3, parse("-debugtramp=-3", "main.a").debugTramp());
        assertEquals(Integer.MAX_VALUE, parse("-debugtramp=99999999999", "main.a").debugTramp());
        assertMessage("invalid value \"two\" for flag -debugtramp: parse error", "-debugtramp=two", "main.a");
        assertMessage("invalid value \"\" for flag -debugtramp: parse error", "-debugtramp=", "main.a");
        assertMessage("invalid value \"0x\" for flag -debugtramp: parse error", "-debugtramp=0x", "main.a");
        assertMessage("invalid value \"99999999999999999999\" for flag -debugtramp: value out of range",
                "-debugtramp=99999999999999999999", "main.a");
        assertTrue(CommandLine.usage().contains("-debugtramp"));
    }

    @Test
    void environmentIsValidated() {
        LinkException e = assertThrows(LinkException.class,
                () -> CommandLine.parse(List.of("main.a"), Map.of("GOARCH", "arm", "GOARM", "8"), DIR));
        assertTrue(e.getMessage().contains("invalid GOARM=8: must be 5, 6, 7"), e.getMessage());
    }

    @Test
    void responseFilesExpandLikeCmdLink(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("args"), "-X\nmain.s=a\\nb\\\\c\r\n-o\nout\n\n");
        LinkOptions o = CommandLine.parse(List.of("@args", "main.a"), ENV, dir).options();
        assertEquals(List.of("main.s=a\nb\\c"), o.definitions());
        assertEquals(dir.resolve("out"), o.output());
        Files.writeString(dir.resolve("bad"), "-X\nmain.s=\\t\n");
        LinkException e = assertThrows(LinkException.class, () -> CommandLine.parse(List.of("@bad", "m.a"), ENV, dir));
        assertTrue(e.getMessage().contains("bad escape"), e.getMessage());
    }

    @Test
    void aResponseFileThatIncludesItselfIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a"), "-s\n@b\n");
        Files.writeString(dir.resolve("b"), "@a\n");
        LinkException e = assertThrows(LinkException.class, () -> CommandLine.parse(List.of("@a", "m.a"), ENV, dir));
        assertTrue(e.getMessage().contains("includes itself"), e.getMessage());
    }

    private static void assertMessage(String expected, String... args) {
        LinkException e = assertThrows(LinkException.class, () -> parse(args));
        assertTrue(e.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
