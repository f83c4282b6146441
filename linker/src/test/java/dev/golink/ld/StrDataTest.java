package dev.golink.ld;

import dev.golink.loader.GoPaths;

import dev.golink.GoldenInputs;
import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.TestLinks;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.sym.SymKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** -X definitions and the strings the linker always defines (cf. ld.addstrdata). */
class StrDataTest {

    @TempDir
    static Path work;

    private static LinkContext setUp(String... flags) throws Exception {
        Path inputs = GoldenInputs.unpack(TextAddressTest.AMD64, work);
        return TestLinks.through(GoldenInputs.options(inputs, "features", flags), "linksetup");
    }

    @Test
    void definitionsInCmdLinksOrder() throws Exception {
        LinkContext ctxt = setUp("-X", "main.version=1.2.3", "-X", "runtime.buildVersion=custom", "-X", "main.version=4");
        StrData.run(ctxt);
        // GOROOT and version first, then modinfo, then -X; a redefinition keeps its place.
        assertEquals(List.of("runtime.defaultGOROOT", "runtime.buildVersion", "runtime.modinfo", "main.version"),
                List.copyOf(ctxt.strdata.keySet()));
        assertArrayEquals("custom".getBytes(StandardCharsets.UTF_8), ctxt.strdata.get("runtime.buildVersion"));
        assertArrayEquals("/usr/lib/go-1.19".getBytes(StandardCharsets.UTF_8), ctxt.strdata.get("runtime.defaultGOROOT"));

        // main.version now points at main.version.str and has length 1.
        Loader ldr = ctxt.loader();
        int v = ldr.lookup("main.version", 0);
        assertEquals(SymKind.SDATA, ldr.symType(v));
        assertEquals(16, ldr.symSize(v));
        Relocs rs = ldr.relocs().reset(v);
        assertEquals(1, rs.count());
        assertEquals("main.version.str", ldr.symName(rs.sym(0)));
        assertEquals(1, ldr.data(v).order(ldr.byteOrder()).getLong(8));
        int str = rs.sym(0);
        assertEquals(SymKind.SRODATA, ldr.symType(str));
        assertEquals(2, ldr.symSize(str)); // "4" and a NUL
        assertTrue(ldr.attrReachable(str));
    }

    @Test
    void anEmptyImportPathIsAccepted() throws Exception {
        // cmd/link takes "-X .s=1" (the dot first: an empty import path) and links; "-X =x" has no dot before '='.
        LinkContext ctxt = setUp("-X", ".s=1");
        StrData.run(ctxt);
        assertArrayEquals("1".getBytes(StandardCharsets.UTF_8), ctxt.strdata.get(".s"));
        LinkException e = assertThrows(LinkException.class, () -> StrData.run(setUp("-X", "=x")));
        assertTrue(e.getMessage().contains("-X flag requires argument of the form importpath.name=value"), e.getMessage());
    }

    @Test
    void aSymbolWithoutAGoTypeIsLeftAlone() throws Exception {
        // runtime.mainPC is assembly data (no Go type): cmd/link links "-X runtime.mainPC=1" and sets nothing.
        LinkContext ctxt = setUp("-X", "runtime.mainPC=1");
        TestLinks.resume(ctxt, "linksetup", "dostrdata");
        assertEquals(0, ctxt.loader().lookup("runtime.mainPC.str", 0));
    }

    @Test
    void onlyStringVariables() throws Exception {
        LinkContext ctxt = setUp("-X", "runtime.ncpu=3");
        LinkException e = assertThrows(LinkException.class, () -> TestLinks.resume(ctxt, "linksetup", "dostrdata"));
        assertTrue(e.getMessage().contains("runtime.ncpu: cannot set with -X: not a var of type string"), e.getMessage());
    }

    @Test
    void gopathJoinCleans() {
        assertEquals("/usr/lib/go/src/x.go", GoPaths.join("/usr/lib/go/", "/src/x.go"));
        assertEquals("/a/c", GoPaths.join("/a/b", "../c"));
        assertEquals("$GOROOT/src/x.go", GoPaths.join("$GOROOT", "/src/x.go"));
    }
}
