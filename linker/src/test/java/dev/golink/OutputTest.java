package dev.golink;

import dev.golink.cli.CommandLine;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output core end to end on linux/amd64: the file built through a mapping
 * equals the file built on the heap, its ELF structure follows cmd/link's
 * records, and a link that fails half way leaves no file.
 */
class OutputTest {

    private static final Target AMD64 = new Target("linux", "amd64");

    @TempDir
    static Path work;

    /** Links {@code program} with the golden arguments, {@code extra} flags and output {@code out}. */
    static LinkOptions options(Path inputs, String program, Path out, String... extra) throws Exception {
        List<String> args = new ArrayList<>(GoldenInputs.linkArgs(inputs, program));
        String main = args.remove(args.size() - 1);
        args.addAll(List.of(extra));
        args.addAll(List.of("-o", out.toString(), main));
        return CommandLine.parse(args, GoldenInputs.env(inputs), inputs).options();
    }

    private static void link(LinkOptions o) throws LinkException {
        new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).link(o);
    }

    @Test
    void mappedAndHeapOutputsAreIdentical() throws Exception {
        Path inputs = GoldenInputs.unpack(AMD64, work);
        for (String program : GoldenInputs.PROGRAMS) {
            Path mapped = work.resolve(program + ".mapped");
            Path heap = work.resolve(program + ".heap");
            // -w keeps the symbol table, which Asmb2 appends after the mapped part.
            for (String[] flags : List.of(new String[] {"-s", "-w"}, new String[] {"-w"})) {
                link(options(inputs, program, mapped, flags));
                String[] heapFlags = java.util.Arrays.copyOf(flags, flags.length + 1);
                heapFlags[flags.length] = "-mmap=false";
                link(options(inputs, program, heap, heapFlags));
                byte[] a = Files.readAllBytes(mapped);
                byte[] b = Files.readAllBytes(heap);
                String what = program + " " + String.join(" ", flags);
                assertTrue(a.length > 4096, what);
                assertArrayEquals(a, b, what + ": -mmap=false changed the output");
                assertTrue(Files.getPosixFilePermissions(mapped).contains(PosixFilePermission.OWNER_EXECUTE), what);
            }
        }
    }

    /**
     * A finished link has unmapped its input archives: a JVM that links many times (the link
     * server, a Maven build of many targets) would otherwise keep every earlier link's archives
     * mapped and resident until a full collection.
     */
    @Test
    void aFinishedLinkLeavesNoInputMapped() throws Exception {
        Path maps = Path.of("/proc/self/maps");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(maps), "no /proc/self/maps here");
        Path inputs = GoldenInputs.unpack(AMD64, work);
        // A copy of the runtime that only this link reads.
        Path runtime = work.resolve("runtime-unmapped.a");
        Files.copy(GoldenInputs.packageFile(inputs, "hello", "runtime"), runtime);
        Path cfg = GoldenInputs.importcfg(inputs, "hello", work, Map.of("runtime", runtime));
        link(options(inputs, "hello", work.resolve("hello.unmapped"), "-importcfg", cfg.toString()));
        assertTrue(Files.size(work.resolve("hello.unmapped")) > 4096);
        assertEquals(List.of(), Files.readAllLines(maps).stream().filter(l -> l.endsWith(runtime.toString())).toList());
    }

    @Test
    void helloIsCmdLinksFileAndRuns() throws Exception {
        Path inputs = GoldenInputs.unpack(AMD64, work);
        Path ref = work.resolve("reference");
        Path archive = GoldenInputs.targetsDir().resolve(AMD64.fileName()).resolve("reference.tar.xz");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(archive), "no reference outputs");
        if (!Files.isDirectory(ref)) {
            Files.createDirectories(ref);
            Process p = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", ref.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertEquals(0, p.waitFor());
        }
        Path out = work.resolve("hello.identical");
        link(options(inputs, "hello", out, "-s", "-w"));
        assertArrayEquals(Files.readAllBytes(ref.resolve("hello.sw.out")), Files.readAllBytes(out));
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux")
                && System.getProperty("os.arch").equals("amd64"), "runs only on linux/amd64");
        Process p = new ProcessBuilder(out.toString()).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals("hello, world\n", printed);
    }

    @Test
    void elfStructureFollowsCmdLink() throws Exception {
        Path inputs = GoldenInputs.unpack(AMD64, work);
        for (String program : GoldenInputs.PROGRAMS) {
            Path out = work.resolve(program + ".sw");
            link(options(inputs, program, out, "-s", "-w"));
            byte[] file = Files.readAllBytes(out);
            Map<String, String[]> golden = goldenSections(program + ".sw");
            Map<String, long[]> ours = sections(file);
            // Same sections in the same order, with cmd/link's flags.
            assertEquals(List.copyOf(golden.keySet()), List.copyOf(ours.keySet()), program + ": section order");
            for (String name : golden.keySet()) {
                String[] g = golden.get(name);
                long[] o = ours.get(name);
                assertEquals(Long.decode(g[4]), o[1], program + " " + name + ": flags");
            }
            // Sections whose content is all the linker's own work on data and file.
            for (String name : List.of(".shstrtab", ".note.go.buildid", ".go.buildinfo")) {
                String[] g = golden.get(name);
                long[] o = ours.get(name);
                assertEquals(Long.parseLong(g[7]), o[4], program + " " + name + ": size");
                assertEquals(g[8], sha256(file, (int) o[3], (int) o[4]), program + " " + name + ": content");
            }
            for (String name : List.of(".data", ".bss", ".noptrbss", ".typelink", ".itablink")) {
                assertEquals(Long.parseLong(golden.get(name)[7]), ours.get(name)[4], program + " " + name + ": size");
            }
            // The note, and the header page the program headers start.
            assertEquals(Long.parseLong(golden.get(".note.go.buildid")[6]), ours.get(".note.go.buildid")[3]);
            ByteBuffer h = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(0x464c457f, h.getInt(0));
            assertEquals(62, h.getShort(18));
            assertEquals(64, h.getLong(32), "program headers follow the ELF header");
            assertEquals(7, h.getShort(56), "PHDR, NOTE, 3 LOAD, GNU_STACK, PAX_FLAGS");
        }
    }

    @Test
    void concurrentLinksDoNotShareState() throws Exception {
        // Two targets of different pointer size and byte order, linked at once, twice each.
        List<Target> targets = List.of(AMD64, new Target("linux", "mips"), AMD64, new Target("linux", "mips"));
        List<Path> outs = new ArrayList<>();
        List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < targets.size(); i++) {
                Path inputs = GoldenInputs.unpack(targets.get(i), work);
                Path out = work.resolve("concurrent-" + i);
                outs.add(out);
                LinkOptions o = options(inputs, "hello", out, "-s", "-w");
                runs.add(pool.submit(() -> {
                    link(o);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertArrayEquals(Files.readAllBytes(outs.get(0)), Files.readAllBytes(outs.get(2)));
        assertArrayEquals(Files.readAllBytes(outs.get(1)), Files.readAllBytes(outs.get(3)));
        assertEquals(goldenFileHash("hello.sw"), sha256(Files.readAllBytes(outs.get(0)), 0,
                (int) Files.size(outs.get(0))));
    }

    private static String goldenFileHash(String recordName) throws Exception {
        for (String line : Files.readAllLines(unpackRecords().resolve(recordName + ".record"))) {
            String[] f = line.split("\\t");
            if (f[0].equals("file")) {
                return f[2];
            }
        }
        throw new IllegalStateException("no file line in " + recordName);
    }

    @Test
    void relocationErrorHalfWayLeavesNoFile() throws Exception {
        Path inputs = GoldenInputs.unpack(AMD64, work);
        Path dir = Files.createDirectories(work.resolve("fail-reloc"));
        Path out = dir.resolve("a.out");
        LinkOptions o = options(inputs, "hello", out, "-s", "-w");
        boolean[] mapped = new boolean[1];
        Linker linker = new Linker(System.out, (phase, ctxt) -> {
            if (phase.equals("address")) {
                // A relocation that reaches past its symbol's content: Asmb must fail.
                Loader ldr = ctxt.loader();
                SymbolBuilder sb = ldr.makeSymbolUpdater(ldr.lookup("runtime.buildVersion", 0));
                sb.addRel(1, 1 << 20, 8, ldr.lookup("runtime.buildVersion", 0), 0);
            }
            if (phase.equals("mmap")) {
                mapped[0] = ctxt.outBuf.isMapped();
            }
        });
        LinkException e = assertThrows(LinkException.class, () -> linker.link(o));
        assertTrue(e.getMessage().contains("invalid relocation"), e.getMessage());
        assertTrue(mapped[0], "the failure came after the output was mapped");
        assertNoFiles(dir);
    }

    @Test
    void unwritableOutputLeavesNoFile() throws Exception {
        Path inputs = GoldenInputs.unpack(AMD64, work);
        Path dir = Files.createDirectories(work.resolve("fail-dir"));
        Path out = Files.createDirectories(dir.resolve("a.out")); // a directory cannot be the output
        LinkException e = assertThrows(LinkException.class, () -> link(options(inputs, "hello", out, "-s", "-w")));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
        Path missing = work.resolve("no-such-dir").resolve("a.out");
        assertThrows(LinkException.class, () -> link(options(inputs, "hello", missing, "-s", "-w")));
        assertFalse(Files.exists(missing.getParent()));
    }

    @Test
    void failureKeepsThePreviousOutput() throws Exception {
        Path inputs = GoldenInputs.unpack(AMD64, work);
        Path dir = Files.createDirectories(work.resolve("fail-keep"));
        Path out = dir.resolve("a.out");
        Files.writeString(out, "previous");
        Linker linker = new Linker(System.out, (phase, ctxt) -> {
            if (phase.equals("asmb")) {
                throw new LinkException("injected failure after asmb");
            }
        });
        assertThrows(LinkException.class, () -> linker.link(options(inputs, "hello", out, "-s", "-w", "-mmap=false")));
        assertEquals("previous", Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no temporary file is left");
        }
    }

    private static void assertNoFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    /** Section name -> the record's fields: tag, index, name, type, flags, addr, offset, size, sha256. */
    static Map<String, String[]> goldenSections(String recordName) throws Exception {
        Path rec = unpackRecords().resolve(recordName + ".record");
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(rec)) {
            String[] f = line.split("\t");
            if (f[0].equals("section")) {
                out.put(f[2], f);
            }
        }
        return out;
    }

    private static Path unpackRecords() throws Exception {
        Path archive = GoldenInputs.targetsDir().resolve(AMD64.fileName()).resolve("records.tar.xz");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(archive), "no golden records");
        Path out = work.resolve("records");
        if (!Files.isDirectory(out)) {
            Files.createDirectories(out);
            Process p = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", out.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertEquals(0, p.waitFor());
        }
        return out;
    }

    /** name -> {type, flags, addr, offset, size} of an ELF64 little-endian file's sections, in header order. */
    static Map<String, long[]> sections(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        int shnum = b.getShort(0x3c);
        int shstrndx = b.getShort(0x3e);
        long strOff = b.getLong((int) (shoff + shstrndx * 64L + 24));
        Map<String, long[]> out = new LinkedHashMap<>();
        for (int i = 1; i < shnum; i++) {
            int at = (int) (shoff + i * 64L);
            int name = b.getInt(at);
            int end = (int) strOff + name;
            while (file[end] != 0) {
                end++;
            }
            String n = new String(file, (int) strOff + name, end - (int) strOff - name, StandardCharsets.UTF_8);
            out.put(n, new long[] {b.getInt(at + 4), b.getLong(at + 8), b.getLong(at + 16), b.getLong(at + 24),
                    b.getLong(at + 32)});
        }
        return out;
    }

    static String sha256(byte[] file, int off, int len) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(file, off, len);
        return HexFormat.of().formatHex(md.digest());
    }
}
