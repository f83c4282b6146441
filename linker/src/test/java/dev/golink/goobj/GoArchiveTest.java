package dev.golink.goobj;

import dev.golink.GoldenInputs;
import dev.golink.LinkException;
import dev.golink.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading real package archives and objects of the corpus, and refusing damaged ones. */
class GoArchiveTest {

    private static final Target AMD64 = new Target("linux", "amd64");
    private static final String WANT = PackageObject.expectedHeader("linux", "amd64", dev.golink.Experiments.baseline("amd64"), "go1.19.8");

    @TempDir
    static Path work;
    static Path inputs;
    static Path runtimeArchive;

    @BeforeAll
    static void unpack() throws Exception {
        inputs = GoldenInputs.unpack(AMD64, work);
        runtimeArchive = GoldenInputs.packageFile(inputs, "hello", "runtime");
    }

    @Test
    void listsMembersWithTheirDataOffsets() throws Exception {
        GoArchive ar = GoArchive.open(runtimeArchive);
        assertTrue(ar.isArchive());
        List<GoArchive.Member> members = ar.members();
        assertEquals("__.PKGDEF", members.get(0).name());
        assertEquals(8 + 60, members.get(0).dataOffset(), "the first member's data follows the magic and one header");
        assertEquals("_go_.o", members.get(1).name());
        // Names are the raw 16-byte field, trailing blanks removed, no long-name table.
        assertTrue(members.stream().anyMatch(m -> m.name().equals("rt0_linux_amd64.")), members.toString());
        byte[] raw = Files.readAllBytes(runtimeArchive);
        for (GoArchive.Member m : members) {
            int end = m.dataOffset() + m.size();
            assertTrue(end <= raw.length);
            ByteBuffer slice = ar.slice(m);
            assertEquals(m.size(), slice.limit());
            assertEquals(raw[m.dataOffset()], slice.get(0));
            assertEquals(raw[end - 1], slice.get(m.size() - 1));
        }
    }

    @Test
    void readsTheRuntimeObject() throws Exception {
        GoArchive ar = GoArchive.open(runtimeArchive);
        GoArchive.Member goo = ar.members().get(1);
        PackageObject po = PackageObject.read(ar.slice(goo), "runtime(_go_.o)", WANT);
        assertEquals(WANT, po.headerLine());
        assertFalse(po.isMain());
        GoObject o = po.object();
        assertTrue(o.nSym() > 1000, "runtime defines thousands of package symbols");
        assertTrue(o.fingerprint() != 0);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < o.nSym(); i++) {
            names.add(o.symName(i));
        }
        assertTrue(names.contains("runtime.mallocgc"), "runtime.mallocgc is defined");
        assertTrue(names.contains("runtime.main"));
        assertEquals("", o.pkg(0), "package index 0 is the dummy");
        // Every package symbol's relocations and aux symbols lie inside the object.
        for (int i = 0; i < o.nSym(); i++) {
            for (int j = 0; j < o.nReloc(i); j++) {
                int rec = o.relocOff(i, j);
                assertTrue(rec + GoObject.RELOC_SIZE <= o.size());
                assertTrue(o.relocOffField(rec) >= 0);
            }
            assertTrue(o.dataOff(i) + o.dataSize(i) <= o.size());
        }
        List<String> autolib = java.util.stream.IntStream.range(0, o.nAutolib()).mapToObj(o::autolibPkg).toList();
        assertTrue(autolib.contains("internal/abi"), autolib.toString());
    }

    @Test
    void mainPackageIsMarked() throws Exception {
        GoArchive ar = GoArchive.open(GoldenInputs.mainArchive(inputs, "hello"));
        GoArchive.Member goo = ar.members().stream().filter(m -> m.name().equals("_go_.o")).findFirst().orElseThrow();
        PackageObject po = PackageObject.read(ar.slice(goo), "main", WANT);
        assertTrue(po.isMain());
        GoObject o = po.object();
        boolean hasMain = false;
        for (int i = 0; i < o.nSym(); i++) {
            hasMain |= o.symName(i).equals("main.main");
        }
        assertTrue(hasMain);
    }

    @Test
    void assemblyObjectsHaveNoFingerprint() throws Exception {
        GoArchive ar = GoArchive.open(runtimeArchive);
        GoArchive.Member asm = ar.members().stream().filter(m -> m.name().equals("asm_amd64.o")).findFirst().orElseThrow();
        GoObject o = PackageObject.read(ar.slice(asm), "asm", WANT).object();
        assertTrue(o.fromAssembly());
        assertEquals(0, o.fingerprint());
    }

    @Test
    void truncatedArchiveIsAnError() throws Exception {
        byte[] raw = Files.readAllBytes(runtimeArchive);
        Path cut = work.resolve("truncated.a");
        Files.write(cut, Arrays.copyOf(raw, raw.length / 2));
        LinkException e = assertThrows(LinkException.class, () -> GoArchive.open(cut));
        assertTrue(e.getMessage().contains("truncated archive") && e.getMessage().contains(cut.toString()),
                e.getMessage());
    }

    @Test
    void aTruncatedHeaderEndsTheArchive() throws Exception {
        // As cmd/link's nextar: a header cut short by the end of the file is the archive's end.
        byte[] raw = Files.readAllBytes(runtimeArchive);
        Path cut = work.resolve("header-cut.a");
        Files.write(cut, Arrays.copyOf(raw, 8 + 30)); // the magic and half a member header
        assertTrue(GoArchive.open(cut).members().isEmpty());
    }

    @Test
    void onlyTheNameAndSizeOfAHeaderCount() throws Exception {
        // cmd/link reads neither the date, the owner nor the mode: garbage there is no error.
        byte[] raw = Files.readAllBytes(runtimeArchive);
        byte[] garbled = raw.clone();
        byte[] junk = "garbled!x\u0001yz?!".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(junk, 0, garbled, 8 + 16, Math.min(junk.length, 32));
        Path f = work.resolve("garbled.a");
        Files.write(f, garbled);
        assertEquals(GoArchive.open(runtimeArchive).members(), GoArchive.open(f).members());
    }

    @Test
    void sizesAreReadAsCmdLinkReadsThem() {
        assertEquals(1234, GoArchive.atolwhex("1234"));
        assertEquals(0x1f, GoArchive.atolwhex("0x1f"));
        assertEquals(8, GoArchive.atolwhex("010"));
        assertEquals(-5, GoArchive.atolwhex("-5"));
        assertEquals(0, GoArchive.atolwhex("12a"));
        assertEquals(0, GoArchive.atolwhex(""));
        assertEquals(0, GoArchive.atolwhex("0x"));
    }

    @Test
    void aBareFileIsNotAnArchive() throws Exception {
        Path f = work.resolve("bare.o");
        Files.writeString(f, "go object linux amd64 go1.19.8 X:regabiwrappers,regabiargs\n!\n");
        GoArchive ar = GoArchive.open(f);
        assertFalse(ar.isArchive());
        assertTrue(ar.members().isEmpty());
    }

    /** The _go_.o member of the runtime, copied so that it can be damaged. */
    private static byte[] runtimeObjectMember() throws Exception {
        GoArchive ar = GoArchive.open(runtimeArchive);
        ByteBuffer b = ar.slice(ar.members().get(1));
        byte[] copy = new byte[b.limit()];
        b.get(0, copy);
        return copy;
    }

    @Test
    void corruptMagicIsAnError() throws Exception {
        byte[] m = runtimeObjectMember();
        int magic = GoldenInputs.indexOf(m, GoObject.MAGIC);
        assertTrue(magic > 0);
        m[magic + 3] = 'X';
        LinkException e = assertThrows(LinkException.class,
                () -> PackageObject.read(ByteBuffer.wrap(m), "runtime.a(_go_.o)", WANT));
        assertTrue(e.getMessage().startsWith("runtime.a(_go_.o): corrupt object header: expected magic"), e.getMessage());
    }

    @Test
    void corruptBlockOffsetIsAnError() throws Exception {
        byte[] m = runtimeObjectMember();
        int magic = GoldenInputs.indexOf(m, GoObject.MAGIC);
        // The last block offset (BlkEnd) far beyond the end.
        int off = magic + 20 + 4 * 18;
        m[off + 3] = 0x7f;
        LinkException e = assertThrows(LinkException.class,
                () -> PackageObject.read(ByteBuffer.wrap(m), "runtime.a(_go_.o)", WANT));
        assertTrue(e.getMessage().contains("corrupt object header: block 18"), e.getMessage());
    }

    @Test
    void objectFromAnotherGoVersionIsRefused() throws Exception {
        byte[] m = runtimeObjectMember();
        int v = GoldenInputs.indexOf(m, "go1.19.8");
        System.arraycopy("go1.18.3".getBytes(StandardCharsets.US_ASCII), 0, m, v, 8);
        LinkException e = assertThrows(LinkException.class,
                () -> PackageObject.read(ByteBuffer.wrap(m), "runtime.a(_go_.o)", WANT));
        // cmd/link's words: the line found, the line wanted.
        assertTrue(e.getMessage().startsWith("runtime.a(_go_.o): linked object header mismatch:\n"
                + "have \"go object linux amd64 go1.18.3 X:"), e.getMessage());
    }

    @Test
    void objectForAnotherArchitectureIsRefused() throws Exception {
        byte[] m = runtimeObjectMember();
        String wantArm = PackageObject.expectedHeader("linux", "arm", dev.golink.Experiments.baseline("arm"), "go1.19.8");
        LinkException e = assertThrows(LinkException.class,
                () -> PackageObject.read(ByteBuffer.wrap(m), "runtime.a(_go_.o)", wantArm));
        assertTrue(e.getMessage().contains("have \"go object linux amd64 go1.19.8 X:regabiwrappers,regabiargs\\n\"\n"
                + "want \"go object linux arm go1.19.8 X:\\n\"\n"), e.getMessage());
    }

    @Test
    void uncompiledGoSourceIsNamed() {
        // cmd/link's Exitf, for a file named .go whose first line starts "go o" but is no object header.
        byte[] m = "go objects are made by the compiler\n".getBytes(StandardCharsets.US_ASCII);
        LinkException e = assertThrows(LinkException.class, () -> PackageObject.read(ByteBuffer.wrap(m), "x.go", WANT));
        assertEquals("x.go: uncompiled .go source file", e.getMessage());
        e = assertThrows(LinkException.class, () -> PackageObject.read(ByteBuffer.wrap(m), "x.o", WANT));
        assertEquals("x.o: not an object file: @0 \"go objects are made by the compiler\\n\"", e.getMessage());
    }

    @Test
    void notAnObjectIsRefused() {
        byte[] m = "hello, world\n".getBytes(StandardCharsets.US_ASCII);
        LinkException e = assertThrows(LinkException.class, () -> PackageObject.read(ByteBuffer.wrap(m), "x.o", WANT));
        assertTrue(e.getMessage().startsWith("x.o: not a Go object file"), e.getMessage());
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        e = assertThrows(LinkException.class, () -> PackageObject.read(ByteBuffer.wrap(elf), "c.syso", WANT));
        assertTrue(e.getMessage().contains("host object"), e.getMessage());
    }

    @Test
    void truncatedObjectIsAnError() throws Exception {
        byte[] m = runtimeObjectMember();
        int magic = GoldenInputs.indexOf(m, GoObject.MAGIC);
        byte[] cut = Arrays.copyOf(m, magic + 50);
        LinkException e = assertThrows(LinkException.class,
                () -> PackageObject.read(ByteBuffer.wrap(cut), "runtime.a(_go_.o)", WANT));
        assertTrue(e.getMessage().contains("truncated object header"), e.getMessage());
        byte[] cut2 = Arrays.copyOf(m, m.length - 1000);
        e = assertThrows(LinkException.class,
                () -> PackageObject.read(ByteBuffer.wrap(cut2), "runtime.a(_go_.o)", WANT));
        assertTrue(e.getMessage().contains("truncated object"), e.getMessage());
    }
}
