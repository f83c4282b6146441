package dev.golink.dwarf;

import dev.golink.GoldenInputs;
import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * hello's DWARF against cmd/link's: every .debug_* section, uncompressed,
 * equals the reference's section once decompressed; compressed, the whole
 * file equals the reference; -w and -s write none.
 */
class DwarfSectionsTest {

    private static final Target AMD64 = new Target("linux", "amd64");
    private static final long SHF_COMPRESSED = 0x800;

    @TempDir
    static Path work;
    private static Path inputs;
    private static byte[] reference;

    @BeforeAll
    static void unpack() throws Exception {
        inputs = GoldenInputs.unpack(AMD64, work);
        Path archive = GoldenInputs.targetsDir().resolve(AMD64.fileName()).resolve("reference.tar.xz");
        assumeTrue(Files.isRegularFile(archive), "no reference outputs");
        Path ref = work.resolve("reference");
        Files.createDirectories(ref);
        Process p = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", ref.toString(), "./hello.default.out")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        reference = Files.readAllBytes(ref.resolve("hello.default.out"));
    }

    private static byte[] link(String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(GoldenInputs.linkArgs(inputs, "hello"));
        String main = args.remove(args.size() - 1);
        Path out = work.resolve(name);
        args.addAll(List.of(extra));
        args.addAll(List.of("-o", out.toString(), main));
        LinkOptions o = CommandLine.parse(args, GoldenInputs.env(inputs), inputs).options();
        new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).link(o);
        return Files.readAllBytes(out);
    }

    /** Section name -> {flags, contents}, contents inflated when the section is SHF_COMPRESSED. */
    private static Map<String, Object[]> sections(byte[] f) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        int shnum = b.getShort(0x3c) & 0xffff;
        int shstrndx = b.getShort(0x3e) & 0xffff;
        long strOff = b.getLong((int) (shoff + 64L * shstrndx + 24));
        Map<String, Object[]> out = new LinkedHashMap<>();
        for (int i = 1; i < shnum; i++) {
            int h = (int) (shoff + 64L * i);
            int nameOff = b.getInt(h);
            int end = (int) strOff + nameOff;
            while (f[end] != 0) {
                end++;
            }
            String name = new String(f, (int) strOff + nameOff, end - (int) strOff - nameOff, StandardCharsets.UTF_8);
            long flags = b.getLong(h + 8);
            int off = (int) b.getLong(h + 24);
            int size = (int) b.getLong(h + 32);
            boolean nobits = b.getInt(h + 4) == 8;
            byte[] data = nobits ? new byte[0] : Arrays.copyOfRange(f, off, off + size);
            if ((flags & SHF_COMPRESSED) != 0) {
                ByteBuffer chdr = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
                assertEquals(1, chdr.getInt(0), name + ": ELFCOMPRESS_ZLIB");
                byte[] plain = new byte[(int) chdr.getLong(8)];
                Inflater inf = new Inflater();
                inf.setInput(data, 24, data.length - 24);
                assertEquals(plain.length, inf.inflate(plain), name + ": inflated size");
                inf.end();
                data = plain;
            }
            out.put(name, new Object[] {flags, data});
        }
        return out;
    }

    @Test
    void uncompressedSectionsEqualTheReferenceInflated() throws Exception {
        Map<String, Object[]> ref = sections(reference);
        Map<String, Object[]> ours = sections(link("hello.plain", "-compressdwarf=false"));
        List<String> names = ref.keySet().stream().filter(n -> n.startsWith(".debug_")).toList();
        assertEquals(List.of(".debug_abbrev", ".debug_line", ".debug_frame", ".debug_gdb_scripts", ".debug_info",
                ".debug_loc", ".debug_ranges"), names);
        for (String n : names) {
            assertTrue(ours.containsKey(n), n);
            assertEquals(0L, ours.get(n)[0], n + ": no flags without compression");
            byte[] want = (byte[]) ref.get(n)[1];
            byte[] got = (byte[]) ours.get(n)[1];
            int diff = Arrays.mismatch(want, got);
            assertEquals(-1, diff, n + ": first difference at offset " + diff);
        }
    }

    @Test
    void compressedOutputIsCmdLinks() throws Exception {
        byte[] ours = link("hello.default");
        assertArrayEquals(reference, ours);
        Map<String, Object[]> s = sections(ours);
        assertEquals(0L, s.get(".debug_gdb_scripts")[0], "too small to gain from compression");
        assertEquals(SHF_COMPRESSED, s.get(".debug_info")[0]);
    }

    @Test
    void noDwarfWithWOrS() throws Exception {
        for (String flag : List.of("-w", "-s")) {
            Map<String, Object[]> s = sections(link("hello" + flag, flag));
            assertFalse(s.keySet().stream().anyMatch(n -> n.startsWith(".debug_") || n.startsWith(".zdebug_")), flag);
        }
    }
}
