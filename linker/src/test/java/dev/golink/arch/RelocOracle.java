package dev.golink.arch;

import dev.golink.GoldenInputs;
import dev.golink.LinkContext;
import dev.golink.Target;
import dev.golink.TestLinks;
import dev.golink.goobj.RelocTypes;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.sym.SymKind;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks a backend's relocations against cmd/link's output, one relocation at
 * a time: for every relocation of every reachable text symbol of a golden
 * program, the symbol's bytes as the object has them, the target's address as
 * cmd/link's symbol table records it, and the backend's {@link Arch#archreloc}
 * must give the bytes cmd/link wrote at that place.
 *
 * <p>Relocations the backend does not handle (the generic kinds) are computed
 * here the way ld.relocsym does, using the backend's {@link Arch#tlsLE} and
 * {@link Arch#implicitRelocVariant} hooks: they prove the harness finds the
 * right bytes and pin down what the generic code must do on this
 * architecture. Bytes outside any relocation must be copied unchanged.
 */
public final class RelocOracle {

    /** One {@code symbol} line of a record. */
    record RecSym(String name, long value, long size, long fileOff) {
    }

    /** Counts by relocation kind name. */
    public static final class Counts {
        final TreeMap<String, int[]> byKind = new TreeMap<>(); // [checked, matched]

        void add(String kind, boolean matched) {
            int[] c = byKind.computeIfAbsent(kind, k -> new int[2]);
            c[0]++;
            if (matched) {
                c[1]++;
            }
        }

        public int checked() {
            return byKind.values().stream().mapToInt(c -> c[0]).sum();
        }

        public int matched() {
            return byKind.values().stream().mapToInt(c -> c[1]).sum();
        }

        public int checked(String kind) {
            int[] c = byKind.get(kind);
            return c == null ? 0 : c[0];
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            byKind.forEach((k, c) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(c[1])
                    .append('/').append(c[0]));
            return b.length() == 0 ? "none" : b.toString();
        }
    }

    /** What a run found. */
    public static final class Result {
        public final String what;
        /** Relocations the backend applied, by kind: matched/checked. */
        public final Counts backend = new Counts();
        /** Generic relocations computed by the harness, by kind. */
        public final Counts generic = new Counts();
        /** Relocations not checked, by reason. */
        public final TreeMap<String, Integer> skipped = new TreeMap<>();
        /** Backend errors and mismatches (the first ones, with detail). */
        public final List<String> wrong = new ArrayList<>();
        int wrongCount;
        int textSyms;
        long copiedBytes;
        int copiedMismatches;

        Result(String what) {
            this.what = what;
        }

        void skip(String reason) {
            skipped.merge(reason, 1, Integer::sum);
        }

        void wrong(String msg) {
            wrongCount++;
            if (wrong.size() < 20) {
                wrong.add(msg);
            }
        }

        public String report() {
            return what + ": " + textSyms + " text symbols; backend (matched/checked) " + backend
                    + "; generic, computed by the test " + generic + "; skipped " + skipped
                    + "; bytes outside relocations " + (copiedBytes - copiedMismatches) + "/" + copiedBytes
                    + " unchanged";
        }

        /** Fails unless every checked relocation matched and the backend checked at least {@code minBackend}. */
        public void assertAllMatch(int minBackend) {
            System.out.println(report());
            assertEquals(0, wrongCount, what + ": " + wrongCount + " wrong, first: " + String.join("\n", wrong));
            assertEquals(0, copiedMismatches, what + ": bytes outside relocations differ");
            assertTrue(backend.checked() >= minBackend, what + ": only " + backend.checked()
                    + " backend relocations checked: " + report());
            assertTrue(backend.checked() + generic.checked() > 1000, what + ": the harness found too few relocations: "
                    + report());
        }
    }

    private static final Map<Integer, String> KIND_NAMES = kindNames();

    private RelocOracle() {
    }

    private static Map<Integer, String> kindNames() {
        Map<Integer, String> m = new HashMap<>();
        for (Field f : RelocTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class && f.getName().startsWith("R_")
                    && !f.getName().equals("R_WEAK")) {
                try {
                    m.putIfAbsent(f.getInt(null), f.getName());
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return m;
    }

    static String kindName(int type) {
        return KIND_NAMES.getOrDefault(type, "type " + type);
    }

    /** Unpacks {@code archive} of the target's golden folder into {@code dir}; skips the test when missing. */
    static Path unpack(Target target, String archive, Path dir) throws IOException, InterruptedException {
        Path tar = GoldenInputs.targetsDir().resolve(target.fileName()).resolve(archive);
        assumeTrue(Files.isRegularFile(tar), "no " + tar);
        Path out = dir.resolve(target.fileName() + "-" + archive.replace(".tar.xz", ""));
        if (Files.isDirectory(out)) {
            return out;
        }
        Files.createDirectories(out);
        Process p = new ProcessBuilder("tar", "-xJf", tar.toString(), "-C", out.toString()).redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        assumeTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "cannot unpack " + tar);
        return out;
    }

    /**
     * cmd/link's output for {@code program}: the kept reference file for hello,
     * else a fresh link with the reference toolchain (skipped when it is not
     * installed), which must have the SHA-256 the record says.
     */
    static byte[] cmdLinkOutput(Target target, Path inputs, Path records, String program, Path dir) throws Exception {
        String want = null;
        for (String line : Files.readAllLines(records.resolve(program + ".default.record"), StandardCharsets.UTF_8)) {
            if (line.startsWith("file\t")) {
                want = line.split("\t")[2];
            }
        }
        byte[] out;
        if (program.equals("hello")) {
            out = Files.readAllBytes(unpack(target, "reference.tar.xz", dir).resolve("hello.default.out"));
        } else {
            assumeTrue(Files.isExecutable(GoldenInputs.GO_LINK), "no cmd/link at " + GoldenInputs.GO_LINK);
            Path file = dir.resolve(target.fileName() + "-" + program + ".out");
            if (!Files.isRegularFile(file)) {
                List<String> args = GoldenInputs.linkArgs(inputs, program);
                List<String> cmd = new ArrayList<>();
                cmd.add(GoldenInputs.GO_LINK.toString());
                cmd.addAll(args.subList(0, args.size() - 1));
                cmd.add("-o");
                cmd.add(file.toString());
                cmd.add(args.get(args.size() - 1));
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(inputs.toFile()).redirectErrorStream(true);
                pb.environment().clear();
                pb.environment().putAll(GoldenInputs.env(inputs));
                Process p = pb.start();
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "cmd/link failed: " + log);
            }
            out = Files.readAllBytes(file);
        }
        String got = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out));
        assertEquals(want, got, program + ": the output is not the one the record describes");
        return out;
    }

    /** The record's symbols by name; names that occur more than once map to null. */
    static Map<String, RecSym> recordSymbols(Path record) throws IOException {
        Map<String, RecSym> syms = new HashMap<>();
        for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
            if (!line.startsWith("symbol\t")) {
                continue;
            }
            String[] f = line.split("\t");
            RecSym s = new RecSym(f[1], Long.decode(f[2]), Long.parseLong(f[3]), f[4].equals("-") ? -1 : Long.parseLong(f[4]));
            if (syms.containsKey(f[1])) {
                syms.put(f[1], null);
            } else {
                syms.put(f[1], s);
            }
        }
        return syms;
    }

    /**
     * The name cmd/link gives a symbol in the ELF symbol table: ABI0 twins of
     * Go functions get ".abi0". The twin may be a wrapper deadcode dropped, so
     * an ABI0 function found under neither name is looked up with the suffix.
     */
    static String elfName(Loader ldr, int s, Map<String, RecSym> rec) {
        String name = ldr.symName(s);
        if (ldr.symType(s) == SymKind.STEXT && ldr.symVersion(s) == Loader.SYM_VER_ABI0) {
            int s2 = ldr.lookup(name, Loader.SYM_VER_ABI_INTERNAL);
            if (s2 != 0 && ldr.symType(s2) == SymKind.STEXT || !rec.containsKey(name) && rec.containsKey(name + ".abi0")) {
                return name + ".abi0";
            }
        }
        return name;
    }

    /**
     * Runs the oracle for {@code program} on linux/{@code goarch} with the
     * backend {@link Arches#backend} gives, prints the counts, and fails on any
     * mismatch or when fewer than {@code minBackend} relocations went through
     * the backend.
     */
    public static Result check(String goarch, String program, Path dir, int minBackend) throws Exception {
        Arch arch = Arches.backend(goarch);
        Result r = run(new Target("linux", goarch), arch, program, dir);
        r.assertAllMatch(minBackend);
        return r;
    }

    /** Runs the oracle for {@code program} on {@code target} with {@code arch}. */
    public static Result run(Target target, Arch arch, String program, Path dir) throws Exception {
        Path inputs = GoldenInputs.unpack(target, dir);
        Path records = unpack(target, "records.tar.xz", dir);
        byte[] out = cmdLinkOutput(target, inputs, records, program, dir);
        Map<String, RecSym> rec = recordSymbols(records.resolve(program + ".default.record"));
        LinkContext ctxt = TestLinks.loaded(GoldenInputs.options(inputs, program));
        return run(arch, ctxt, out, rec, target + " " + program);
    }

    /**
     * Runs the oracle on a loaded program: {@code out} is cmd/link's output for
     * it and {@code rec} its symbol table (null for an ambiguous name).
     */
    static Result run(Arch arch, LinkContext ctxt, byte[] out, Map<String, RecSym> rec, String what) {
        Loader ldr = ctxt.loader();
        boolean big = arch.info().bigEndian();
        Result res = new Result(what);

        // Names golink has more than once among reachable symbols are ambiguous too.
        Map<String, Integer> names = new HashMap<>();
        for (int s = 1; s < ldr.nSym(); s++) {
            if (ldr.attrReachable(s)) {
                names.merge(elfName(ldr, s, rec), 1, Integer::sum);
            }
        }
        // A static executable has no .tbss, so a TLS symbol's value stays its offset in the TLS block (cf.
        // dodata's STLSBSS): 0 when, as in every golden program, runtime.tls_g is the only one.
        int tlsSyms = 0;
        for (int s = 1; s < ldr.nSym(); s++) {
            if (ldr.attrReachable(s) && ldr.symType(s) == SymKind.STLSBSS) {
                tlsSyms++;
            }
        }

        Relocs relocs = ldr.relocs();
        RelocSite site = new RelocSite();
        for (int s = 1; s < ldr.nSym(); s++) {
            if (!ldr.attrReachable(s) || ldr.symType(s) != SymKind.STEXT) {
                continue;
            }
            String name = elfName(ldr, s, rec);
            RecSym rs = rec.get(name);
            relocs.reset(s);
            int n = relocs.count();
            if (rs == null || names.get(name) > 1 || rs.fileOff() < 0) {
                for (int i = 0; i < n; i++) {
                    if (relocs.siz(i) > 0) {
                        res.skip(rec.containsKey(name) || names.get(name) > 1 ? "symbol name ambiguous"
                                : "symbol not in record");
                    }
                }
                continue;
            }
            res.textSyms++;
            ByteBuffer data = ldr.data(s);
            byte[] p = new byte[data.remaining()];
            data.duplicate().get(p);
            boolean[] covered = new boolean[p.length];
            for (int i = 0; i < n; i++) {
                int siz = relocs.siz(i);
                int off = relocs.off(i);
                if (siz == 0) {
                    continue;
                }
                for (int k = off; k < off + siz && k < p.length; k++) {
                    covered[k] = true;
                }
                int type = relocs.type(i);
                int t = relocs.sym(i);
                long targetAddr = 0;
                if (t != 0) {
                    String tname = elfName(ldr, t, rec);
                    RecSym tr = rec.get(tname);
                    if (ldr.symType(t) == SymKind.STLSBSS) {
                        if (tlsSyms != 1) {
                            res.skip("TLS target among several TLS symbols");
                            continue;
                        }
                        targetAddr = 0;
                    } else if (tr == null || names.getOrDefault(tname, 0) > 1) {
                        res.skip(rec.containsKey(tname) || names.getOrDefault(tname, 0) > 1
                                ? "target name ambiguous" : "target not in record (in a carrier or linker-made)");
                        continue;
                    } else {
                        targetAddr = tr.value();
                    }
                }
                site.sym = s;
                site.symAddr = rs.value();
                site.index = i;
                site.type = type;
                site.off = off;
                site.siz = siz;
                site.add = relocs.add(i);
                site.target = t;
                site.targetAddr = targetAddr;
                site.value = get(p, off, siz, big);
                site.error = null;
                long o;
                boolean byBackend = arch.archreloc(site);
                if (byBackend) {
                    o = site.value;
                } else {
                    Long g = generic(arch, site);
                    if (g == null) {
                        res.skip("kind neither generic nor handled: " + kindName(type));
                        continue;
                    }
                    o = g;
                }
                int variant = arch.implicitRelocVariant(type);
                if (variant != Arch.RV_NONE) {
                    o = arch.archrelocvariant(site, variant, o, p);
                }
                byte[] want = new byte[siz];
                System.arraycopy(out, (int) (rs.fileOff() + off), want, 0, siz);
                byte[] got = new byte[siz];
                put(got, 0, o, siz, big);
                boolean ok = java.util.Arrays.equals(want, got) && site.error == null;
                (byBackend ? res.backend : res.generic).add(kindName(type), ok);
                if (!ok) {
                    res.wrong(String.format("%s+%#x %s -> %s%+d: got %s want %s%s", name, off, kindName(type),
                            ldr.symName(t), site.add, HexFormat.of().formatHex(got), HexFormat.of().formatHex(want),
                            site.error == null ? "" : " error: " + site.error));
                }
            }
            for (int k = 0; k < p.length; k++) {
                if (!covered[k]) {
                    res.copiedBytes++;
                    if (p[k] != out[(int) (rs.fileOff() + k)]) {
                        res.copiedMismatches++;
                        if (res.copiedMismatches <= 5) {
                            res.wrong.add(String.format("%s+%#x: byte outside relocations changed", name, k));
                        }
                    }
                }
            }
        }
        return res;
    }

    /** The value ld.relocsym computes for a generic relocation kind of an internal static link, or null. */
    static Long generic(Arch arch, RelocSite r) {
        return switch (r.type) {
            case RelocTypes.R_ADDR -> r.targetAddr + r.add;
            case RelocTypes.R_CALL, RelocTypes.R_PCREL, RelocTypes.R_GOTPCREL ->
                    r.targetAddr + r.add - (r.symAddr + r.off + r.siz);
            case RelocTypes.R_TLS_LE -> arch.tlsLE(r);
            case RelocTypes.R_CONST -> r.add;
            default -> null;
        };
    }

    static long get(byte[] p, int at, int n, boolean big) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (p[at + i] & 0xffL) << (8 * (big ? n - 1 - i : i));
        }
        return v;
    }

    static void put(byte[] p, int at, long v, int n, boolean big) {
        for (int i = 0; i < n; i++) {
            p[at + i] = (byte) (v >>> (8 * (big ? n - 1 - i : i)));
        }
    }
}
