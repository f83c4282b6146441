package dev.golink.cli;

import dev.golink.LinkException;
import dev.golink.LinkOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** golink's own -mmap flag, and the link line go build passes. */
class MmapFlagTest {

    private static final Map<String, String> ENV = Map.of("GOOS", "linux", "GOARCH", "amd64");

    @Test
    void mappingIsOnByDefaultAndCanBeTurnedOff(@TempDir Path dir) throws LinkException {
        assertTrue(CommandLine.parse(List.of("main.a"), ENV, dir).options().mmap());
        assertFalse(CommandLine.parse(List.of("-mmap=false", "main.a"), ENV, dir).options().mmap());
        assertTrue(CommandLine.parse(List.of("-mmap", "main.a"), ENV, dir).options().mmap());
        assertThrows(UsageException.class, () -> CommandLine.parse(List.of("-mmap=maybe", "main.a"), ENV, dir));
        assertTrue(CommandLine.usage().contains("-mmap"));
    }

    @Test
    void goBuildsLinkLineParses(@TempDir Path dir) throws LinkException {
        // As go build -x printed it for a program with -ldflags='-s -w -X main.version=1.2.3'.
        LinkOptions o = CommandLine.parse(List.of("-o", "$WORK/b001/exe/a.out", "-importcfg",
                "$WORK/b001/importcfg.link", "-buildmode=exe",
                "-buildid=MrKXF2GbfO_tmpza_Z94/Lkln-BXxM_02o1-2sxgn/yH-uuCkkhIyjtOoSi0KJ/MrKXF2GbfO_tmpza_Z94", "-s",
                "-w", "-X", "main.version=1.2.3", "-extld=gcc", "$WORK/b001/_pkg_.a"), ENV, dir).options();
        assertTrue(o.stripSymbols() && o.stripDwarf() && o.mmap());
        assertTrue(o.definitions().contains("main.version=1.2.3"));
        // Options built without naming -mmap keep mapping on.
        LinkOptions built = LinkOptions.builder(o.output(), o.mainArchive(), o.config()).importcfg(o.importcfg())
                .stripSymbols(true).stripDwarf(true).workingDir(dir).build();
        assertTrue(built.mmap());
        assertTrue(built.compressDwarf());
    }
}
