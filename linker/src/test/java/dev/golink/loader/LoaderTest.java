package dev.golink.loader;

import dev.golink.GoldenInputs;
import dev.golink.LinkException;
import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import dev.golink.goobj.PackageObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loader on real corpus inputs, and its errors on inputs damaged on purpose. */
class LoaderTest {

    private static final Target AMD64 = new Target("linux", "amd64");

    @TempDir
    static Path work;
    static Path inputs;

    @BeforeAll
    static void unpack() throws Exception {
        inputs = GoldenInputs.unpack(AMD64, work);
    }

    private static Loader load(String program, Map<String, Path> replace, List<Library> libs) throws Exception {
        Path cfg = GoldenInputs.importcfg(inputs, program, work, replace);
        dev.golink.Diagnostics diag = new dev.golink.Diagnostics();
        Loader ldr = new Loader(true, diag);
        LibraryLoader ll = new LibraryLoader(ldr, ImportConfig.read(cfg, inputs), List.of(),
                PackageObject.expectedHeader("linux", "amd64", dev.golink.Experiments.baseline("amd64"), "go1.19.8"), inputs);
        libs.addAll(ll.loadlib(GoldenInputs.mainArchive(inputs, program)));
        diag.checkpoint(); // bad references fail the load, as at the end of the loadlib phase
        return ldr;
    }

    @Test
    void loadsHello() throws Exception {
        List<Library> libs = new ArrayList<>();
        Loader ldr = load("hello", Map.of(), libs);
        assertEquals("main", libs.get(0).pkg(), "the main package is loaded first");
        assertTrue(libs.get(0).isMain());
        assertEquals("fmt", libs.get(1).pkg(), "then its imports in the order its object lists them");
        assertTrue(libs.stream().anyMatch(l -> l.pkg().equals("runtime")));
        assertTrue(ldr.nSym() > 10000, "nsym " + ldr.nSym());
        int mainMain = ldr.lookup("main.main", Loader.SYM_VER_ABI_INTERNAL);
        assertNotEquals(0, mainMain);
        assertEquals("main.main", ldr.symName(mainMain));
        assertEquals(1, ldr.symType(mainMain), "STEXT");
        assertEquals("main", ldr.symLib(mainMain).pkg());
        // An assembly function is ABI0.
        int rt0 = ldr.lookup("_rt0_amd64_linux", 0);
        assertNotEquals(0, rt0);
        assertTrue(ldr.isFromAssembly(rt0));
        // Relocations resolve across packages: main.main calls into fmt.
        Relocs rs = ldr.relocs().reset(mainMain);
        boolean callsFmt = false;
        for (int j = 0; j < rs.count(); j++) {
            int t = rs.sym(j);
            callsFmt |= t != 0 && ldr.symName(t).startsWith("fmt.");
        }
        assertTrue(callsFmt, "main.main refers to fmt");
        // Type descriptors are Go types; dupok ones are deduplicated to one index.
        int typeString = ldr.lookup("type.string", 0);
        assertNotEquals(0, typeString);
        assertTrue(ldr.isGoType(typeString));
        assertTrue(ldr.symAlign(typeString) >= 0);
        // Symbols nobody defines yet become external (linker-made) symbols.
        assertTrue(ldr.nDef() < ldr.nSym());
    }

    @Test
    void missingPackageIsNamedAsCmdLinkNamesIt() throws Exception {
        Map<String, Path> drop = new HashMap<>();
        drop.put("strconv", null);
        // cmd/link logs the package on its standard output, then fails to open the library of no file.
        Path cfg = GoldenInputs.importcfg(inputs, "hello", work, drop);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        LibraryLoader ll = new LibraryLoader(new Loader(true, new dev.golink.Diagnostics()), ImportConfig.read(cfg, inputs),
                List.of(), PackageObject.expectedHeader("linux", "amd64", dev.golink.Experiments.baseline("amd64"), "go1.19.8"), inputs)
                .logTo(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        LinkException e = assertThrows(LinkException.class, () -> ll.loadlib(GoldenInputs.mainArchive(inputs, "hello")));
        assertEquals("cannot open file : open : no such file or directory", e.getMessage());
        assertEquals("cannot find package strconv (using -importcfg)\n", log.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void duplicateStrongDefinitionIsAnError() throws Exception {
        Path runtime = GoldenInputs.packageFile(inputs, "hello", "runtime");
        List<ArchiveEdit.Member> members = new ArrayList<>(ArchiveEdit.read(runtime));
        ArchiveEdit.Member sys = members.stream().filter(m -> m.name().startsWith("sys_linux_amd64")).findFirst()
                .orElseThrow();
        members.add(new ArchiveEdit.Member("sys_copy.o", sys.data()));
        Path damaged = ArchiveEdit.write(work.resolve("runtime-dup.a"), members);
        LinkException e = assertThrows(LinkException.class,
                () -> load("hello", Map.of("runtime", damaged), new ArrayList<>()));
        // cmd/link's log.Fatalf line: the time, then its words, naming the packages only.
        assertTrue(e.getMessage().matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d duplicated definition of symbol "
                + "runtime\\.\\S+, from runtime and runtime"), e.getMessage());
        assertEquals(1, e.exitStatus(), "log.Fatalf's exit status");
    }

    @Test
    void hostObjectsAreKeptAsideNamingTheirPackage() throws Exception {
        Path strconv = GoldenInputs.packageFile(inputs, "hello", "strconv");
        List<ArchiveEdit.Member> members = new ArrayList<>(ArchiveEdit.read(strconv));
        // What cgo adds to a package's archive: the C code compiled to ELF objects.
        members.add(new ArchiveEdit.Member("_x001.o", new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}));
        Path withC = ArchiveEdit.write(work.resolve("strconv-cgo.a"), members);
        List<Library> libs = new ArrayList<>();
        load("hello", Map.of("strconv", withC), libs);
        Library lib = libs.stream().filter(l -> l.pkg().equals("strconv")).findFirst().orElseThrow();
        assertEquals(List.of(withC + "(_x001.o)"), lib.hostObjects());
        assertTrue(libs.stream().filter(l -> l != lib).allMatch(l -> l.hostObjects().isEmpty()));
    }

    @Test
    void wrongVersionNamesFileAndMember() throws Exception {
        Path strconv = GoldenInputs.packageFile(inputs, "hello", "strconv");
        List<ArchiveEdit.Member> members = new ArrayList<>();
        for (ArchiveEdit.Member m : ArchiveEdit.read(strconv)) {
            members.add(m.name().equals("_go_.o")
                    ? new ArchiveEdit.Member(m.name(), ArchiveEdit.replace("go1.19.8", "go1.20.1").apply(m.data()))
                    : m);
        }
        Path damaged = ArchiveEdit.write(work.resolve("strconv-120.a"), members);
        LinkException e = assertThrows(LinkException.class,
                () -> load("hello", Map.of("strconv", damaged), new ArrayList<>()));
        // cmd/link's Errorf: the line found, the line wanted, then a blank line.
        assertEquals(damaged + "(_go_.o): linked object header mismatch:\n"
                + "have \"go object linux amd64 go1.20.1 X:regabiwrappers,regabiargs\\n\"\n"
                + "want \"go object linux amd64 go1.19.8 X:regabiwrappers,regabiargs\\n\"\n", e.getMessage());
    }

    @Test
    void missingRelocationTargetIsNamed() throws Exception {
        Path runtime = GoldenInputs.packageFile(inputs, "hello", "runtime");
        List<ArchiveEdit.Member> members = new ArrayList<>(ArchiveEdit.read(runtime));
        members.removeIf(m -> m.name().startsWith("sys_linux_amd64"));
        Path damaged = ArchiveEdit.write(work.resolve("runtime-nosys.a"), members);
        Path cfg = GoldenInputs.importcfg(inputs, "hello", work, Map.of("runtime", damaged));
        List<String> args = new ArrayList<>(GoldenInputs.linkArgs(inputs, "hello"));
        int i = args.indexOf("-importcfg");
        args.set(i + 1, cfg.toString());
        LinkOptions o = CommandLine.parse(args, GoldenInputs.env(inputs), inputs).options();
        LinkException e = assertThrows(LinkException.class, () -> new Linker(System.out).link(o));
        // runtime.exit is defined in assembly in sys_linux_amd64.s.
        assertTrue(e.getMessage().contains(": relocation target runtime.exit not defined"), e.getMessage());
        // In cmd/link's words: the referring symbol, then what is missing (for which ABI, when another has it).
        assertTrue(e.getMessage().lines().allMatch(l -> l.matches("runtime\\.\\S+: relocation target runtime\\.\\S+ not "
                + "defined( for ABI0 \\(but is defined for ABIInternal\\))?") || l.equals("golink: too many errors")), e.getMessage());
    }

    @Test
    void nameOutsideTheObjectIsAnError() throws Exception {
        Path strconv = GoldenInputs.packageFile(inputs, "hello", "strconv");
        List<ArchiveEdit.Member> members = new ArrayList<>();
        for (ArchiveEdit.Member m : ArchiveEdit.read(strconv)) {
            if (m.name().equals("_go_.o")) {
                byte[] d = m.data().clone();
                int magic = GoldenInputs.indexOf(d, "\0go118ld");
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(d).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                int symdef = magic + b.getInt(magic + 20 + 4 * 3);
                b.putInt(symdef + 4, 0x7fff0000); // the first symbol's name offset
                m = new ArchiveEdit.Member(m.name(), d);
            }
            members.add(m);
        }
        Path damaged = ArchiveEdit.write(work.resolve("strconv-badname.a"), members);
        Path cfg = GoldenInputs.importcfg(inputs, "hello", work, Map.of("strconv", damaged));
        List<String> args = new ArrayList<>(GoldenInputs.linkArgs(inputs, "hello"));
        args.set(args.indexOf("-importcfg") + 1, cfg.toString());
        LinkOptions o = CommandLine.parse(args, GoldenInputs.env(inputs), inputs).options();
        LinkException e = assertThrows(LinkException.class, () -> new Linker(System.out).link(o));
        assertTrue(e.getMessage().startsWith(damaged + "(_go_.o): corrupt object: a symbol record refers outside"),
                e.getMessage());
    }

    @Test
    void notPackageMain() throws Exception {
        Path fmt = GoldenInputs.packageFile(inputs, "hello", "fmt");
        Loader ldr = new Loader(true, new dev.golink.Diagnostics());
        LibraryLoader ll = new LibraryLoader(ldr, ImportConfig.read(GoldenInputs.importcfg(inputs, "hello", work,
                Map.of()), inputs), List.of(), PackageObject.expectedHeader("linux", "amd64", dev.golink.Experiments.baseline("amd64"), "go1.19.8"), inputs);
        LinkException e = assertThrows(LinkException.class, () -> ll.loadlib(fmt));
        assertEquals(fmt + ": not package main", e.getMessage());
    }

    /** Two links at once in one JVM give the same edges as each alone. */
    @Test
    void concurrentLinksDoNotInterfere() throws Exception {
        Target arm64 = new Target("linux", "arm64");
        Path armInputs = GoldenInputs.unpack(arm64, work);
        byte[] a = dumpdep(inputs, "features");
        byte[] b = dumpdep(armInputs, "hello");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<byte[]>> jobs = List.of(() -> dumpdep(inputs, "features"), () -> dumpdep(armInputs, "hello"),
                    () -> dumpdep(inputs, "features"), () -> dumpdep(armInputs, "hello"));
            List<Future<byte[]>> results = pool.invokeAll(jobs);
            assertArrayEquals(a, results.get(0).get());
            assertArrayEquals(b, results.get(1).get());
            assertArrayEquals(a, results.get(2).get());
            assertArrayEquals(b, results.get(3).get());
        } finally {
            pool.shutdown();
        }
        assertTrue(a.length > 100_000 && b.length > 100_000);
    }

    private static byte[] dumpdep(Path in, String program) throws Exception {
        LinkOptions o = GoldenInputs.options(in, program, "-dumpdep");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Linker(ps).link(o);
        } catch (LinkException e) {
            assertTrue(e.getMessage().contains("cannot link"), e.getMessage());
        }
        return out.toByteArray();
    }
}
