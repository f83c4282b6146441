package dev.golink.ld;

import dev.golink.GoldenInputs;
import dev.golink.LinkContext;
import dev.golink.TestLinks;
import dev.golink.loader.Loader;
import dev.golink.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pclntab parts of hello against the .gopclntab section of cmd/link's
 * output: every byte but those only known after data placement (the header's
 * offsets and the funcdata offsets, which the generators write).
 */
class PclntabTest {

    @TempDir
    static Path work;

    static LinkContext throughFindfunctab(Path inputs, String program) throws Exception {
        return TestLinks.through(GoldenInputs.options(inputs, program), "findfunctab");
    }

    private static byte[] bytes(Loader ldr, int s) {
        ByteBuffer d = ldr.data(s);
        byte[] b = new byte[(int) ldr.symSize(s)];
        d.get(0, b, 0, Math.min(d.remaining(), b.length));
        return b;
    }

    @Test
    void helloPclntabMatchesCmdLink() throws Exception {
        Path inputs = GoldenInputs.unpack(TextAddressTest.AMD64, work);
        Path ref = GoldenRecords.unpack(TextAddressTest.AMD64, "reference.tar.xz", work);
        Path rec = GoldenRecords.unpack(TextAddressTest.AMD64, "records.tar.xz", work);
        byte[] file = Files.readAllBytes(ref.resolve("hello.default.out"));
        LinkContext ctxt = throughFindfunctab(inputs, "hello");
        comparePclntab(ctxt, ElfSections.section(file, ".gopclntab"));

        // findfunctab: plain data, compared with the record's hash.
        Loader ldr = ctxt.loader();
        GoldenRecords.Sym ff = GoldenRecords.symbols(rec.resolve("hello.default.record")).get("runtime.findfunctab");
        assertEquals(ff.size(), ldr.symSize(ctxt.pcln.findfunctab));
        assertEquals(ff.sha(), sha256(bytes(ldr, ctxt.pcln.findfunctab)));
    }

    /** Other ELF targets, against cmd/link run here (skipped without the reference toolchain). */
    @ParameterizedTest
    @ValueSource(strings = {"linux/386", "linux/arm", "linux/arm64", "linux/mips", "linux/mips64", "linux/ppc64",
            "linux/s390x", "darwin/amd64", "darwin/arm64", "js/wasm"})
    void otherTargetsMatchCmdLink(String target) throws Exception {
        assumeTrue(Files.isExecutable(GoldenInputs.GO_LINK), "no cmd/link");
        Target t = Target.parse(target);
        Path inputs = GoldenInputs.unpack(t, work);
        String program = "features";
        Path out = work.resolve(t.fileName() + "-" + program + ".ref");
        List<String> cmd = new ArrayList<>();
        cmd.add(GoldenInputs.GO_LINK.toString());
        List<String> args = GoldenInputs.linkArgs(inputs, program);
        for (int i = 0; i < args.size() - 1; i++) {
            cmd.add(args.get(i).equals("a.out") ? out.toString() : args.get(i));
        }
        cmd.addAll(List.of("-s", "-w", args.get(args.size() - 1)));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(inputs.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(GoldenInputs.env(inputs));
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        LinkContext ctxt = throughFindfunctab(inputs, program);
        byte[] file = Files.readAllBytes(out);
        if (t.goarch().equals("wasm")) {
            // Plain-data tables must appear as they are in linear memory (wasm's
            // writer leaves .go.buildinfo out of the memory image).
            byte[] mem = ElfSections.wasmMemory(file);
            Loader ldr = ctxt.loader();
            for (String name : new String[] {"runtime.findfunctab"}) {
                assertTrue(indexOf(mem, bytes(ldr, ldr.lookup(name, 0))) >= 0, name + " not in cmd/link's memory image");
            }
        }
        byte[] section;
        if (t.goos().equals("darwin")) {
            section = ElfSections.machoSection(file, "__gopclntab");
        } else if (t.goarch().equals("wasm")) {
            // In linear memory: from the header's magic (pc quantum 1, 8-byte pointers) on.
            byte[] mem = ElfSections.wasmMemory(file);
            byte[] magic = {(byte) 0xf0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 1, 8};
            int at = indexOf(mem, magic);
            assertTrue(at >= 0, "no pclntab header in the data");
            section = Arrays.copyOfRange(mem, at, mem.length);
        } else {
            section = ElfSections.section(file, ".gopclntab");
        }
        comparePclntab(ctxt, section);
    }

    private static long word(ByteBuffer b, int off, int ptrSize) {
        return ptrSize == 8 ? b.getLong(off) : b.getInt(off) & 0xffffffffL;
    }

    /** Compares the parts with cmd/link's section, except what only data placement decides. */
    static void comparePclntab(LinkContext ctxt, byte[] section) {
        Loader ldr = ctxt.loader();
        PclnState st = ctxt.pcln;
        int ps = ctxt.ptrSize();
        ByteOrder order = ctxt.byteOrder();
        ByteBuffer want = ByteBuffer.wrap(section).order(order);
        int size = section.length;

        assertEquals(word(want, 8, ps), st.nfunc, "nfunc");
        assertEquals(word(want, 8 + ps, ps), st.nfiles, "nfiles");
        byte[] header = bytes(ldr, st.pcheader);
        assertArrayEquals(Arrays.copyOfRange(section, 0, 8 + 2 * ps), Arrays.copyOfRange(header, 0, 8 + 2 * ps), "pcheader");

        int[] parts = {st.funcnametab, st.cutab, st.filetab, st.pctab};
        for (int k0 = 0; k0 < parts.length; k0++) {
            int k = k0;
            int off = (int) word(want, 8 + (3 + k) * ps, ps);
            byte[] mine = bytes(ldr, parts[k]);
            byte[] theirs = Arrays.copyOfRange(section, off, off + mine.length);
            int d = firstDiff(theirs, mine);
            assertEquals(-1, d, () -> ldr.symName(parts[k]) + " (size " + mine.length + ") differs at " + d + ": "
                    + hex(mine, d) + " want " + hex(theirs, d));
        }

        // functab, with the funcdata offsets (written at Asmb) compared only for "none".
        int off = (int) word(want, 8 + 7 * ps, ps);
        byte[] mine = bytes(ldr, st.functab);
        byte[] theirs = Arrays.copyOfRange(section, off, off + mine.length);
        ByteBuffer m = ByteBuffer.wrap(mine).order(order);
        ByteBuffer th = ByteBuffer.wrap(theirs).order(order);
        int masked = 0;
        for (int i = 0; i < st.nfunc; i++) {
            int fo = m.getInt(i * 8 + 4);
            int npcdata = m.getInt(fo + 28);
            int nfd = mine[fo + 39] & 0xff;
            for (int j = 0; j < nfd; j++) {
                int w = fo + Pclntab.FUNC_SIZE + 4 * npcdata + 4 * j;
                // "None" must agree; real offsets are relative to go.func.*, placed later.
                boolean noneMine = m.getInt(w) == -1;
                boolean noneTheirs = th.getInt(w) == -1;
                assertEquals(noneTheirs, noneMine, "funcdata " + j + " of function " + i + " at " + w);
                if (!noneMine) {
                    System.arraycopy(mine, w, theirs, w, 4);
                    masked++;
                }
            }
        }
        int d = firstDiff(theirs, mine);
        assertEquals(-1, d, () -> "runtime.functab differs at " + d + ": " + hex(mine, d) + " want " + hex(theirs, d));
        assertTrue(masked > 1000);

        // The parts, before dodata aligns them, fill most of the section.
        assertTrue(st.size <= size, "size of the parts: " + st.size);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    static String hex(byte[] b, int at) {
        int from = Math.max(0, at - 8);
        return java.util.HexFormat.of().formatHex(b, from, Math.min(b.length, at + 24));
    }

    static int firstDiff(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
    }
}
