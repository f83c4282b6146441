package dev.golink.arch;

import dev.golink.GoldenInputs;
import dev.golink.LinkContext;
import dev.golink.Target;
import dev.golink.TestLinks;
import dev.golink.goobj.RelocTypes;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.sym.SymKind;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks a backend's trampoline pieces against cmd/link linking hello with
 * {@code -debugtramp=2}, which puts a trampoline on every call between
 * packages: each trampoline in the output's symbol table must have the bytes
 * {@link Arch#gentramp} makes (its relocation applied) for the target and
 * addend its name says, and every call must reach either its target directly
 * or, through {@link Arch#trampolineName} and {@link Arch#redirectedCallAdd},
 * one of the target's trampolines.
 */
public final class TrampolineOracle {

    private static final Pattern TRAMP = Pattern.compile("(.*)-tramp(\\d+)");

    private TrampolineOracle() {
    }

    /** The counts of a run. */
    public static final class Result {
        public int trampolines;
        public int trampolinesMatched;
        public int direct;
        public int viaTrampoline;
        public final TreeMap<String, Integer> skipped = new TreeMap<>();
        public final List<String> wrong = new ArrayList<>();

        public String report() {
            return "trampolines " + trampolinesMatched + "/" + trampolines + " matched; calls: " + direct + " direct, "
                    + viaTrampoline + " through a trampoline; skipped " + skipped;
        }
    }

    static byte[] linkWithDebugTramp(Target target, Path inputs, Path dir) throws Exception {
        assumeTrue(Files.isExecutable(GoldenInputs.GO_LINK), "no cmd/link at " + GoldenInputs.GO_LINK);
        Path file = dir.resolve(target.fileName() + "-hello-debugtramp.out");
        if (!Files.isRegularFile(file)) {
            List<String> args = GoldenInputs.linkArgs(inputs, "hello");
            List<String> cmd = new ArrayList<>();
            cmd.add(GoldenInputs.GO_LINK.toString());
            cmd.addAll(args.subList(0, args.size() - 1));
            cmd.addAll(List.of("-debugtramp=2", "-o", file.toString()));
            cmd.add(args.get(args.size() - 1));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(inputs.toFile()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(GoldenInputs.env(inputs));
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "cmd/link failed: " + log);
        }
        return Files.readAllBytes(file);
    }

    /**
     * Runs the oracle for linux/{@code goarch}, whose direct calls have
     * relocation type {@code callType}; fails on any difference or when too
     * few trampolines and redirected calls were seen.
     */
    public static Result check(String goarch, int callType, Path dir) throws Exception {
        Result r = run(goarch, callType, dir);
        System.out.println("linux/" + goarch + " hello -debugtramp=2: " + r.report());
        assertTrue(r.wrong.isEmpty(), r.wrong.size() + " wrong, first: " + r.wrong.subList(0, Math.min(10, r.wrong.size())));
        assertTrue(r.trampolinesMatched > 100 && r.viaTrampoline > 1000, r.report());
        return r;
    }

    static Result run(String goarch, int callType, Path dir) throws Exception {
        Target target = new Target("linux", goarch);
        Arch arch = Arches.backend(goarch);
        boolean big = arch.info().bigEndian();
        Path inputs = GoldenInputs.unpack(target, dir);
        byte[] out = linkWithDebugTramp(target, inputs, dir);
        ElfSymbols syms = new ElfSymbols(out);
        Result res = new Result();

        // Every trampoline: its code to the target and addend its name says.
        for (ElfSymbols.Sym t : syms.byName.values()) {
            if (t == null) {
                continue;
            }
            Matcher m = TRAMP.matcher(t.name());
            if (!m.matches()) {
                continue;
            }
            res.trampolines++;
            String rest = m.group(1);
            int i = Integer.parseInt(m.group(2));
            Matcher off = Pattern.compile("(.*?)([+-][0-9a-f]+)").matcher(rest);
            RelocSite call = new RelocSite();
            String targetName = rest;
            if (goarch.equals("arm")) {
                assertTrue(off.matches(), t.name());
                targetName = off.group(1);
                long offset = Long.parseLong(off.group(2));
                call.add = 0xeb000000L | ((offset / 4 - 2) & 0xffffff); // a BL whose field means that offset
            } else if (off.matches() && !syms.byName.containsKey(rest)) {
                targetName = off.group(1);
                call.add = Long.parseLong(off.group(2).substring(1), 16) * (off.group(2).charAt(0) == '-' ? -1 : 1);
            }
            ElfSymbols.Sym ts = find(syms, targetName);
            if (ts == null) {
                res.skipped.merge("trampoline target not found or ambiguous", 1, Integer::sum);
                continue;
            }
            assertEquals(t.name(), arch.trampolineName(targetName, call, i), "the name cmd/link gave");
            byte[] want = Arrays.copyOfRange(out, (int) t.fileOff(), (int) (t.fileOff() + t.size()));
            // Made before the target was placed (a relocation) or after (no relocation): the same bytes.
            int wrongBefore = res.wrong.size();
            for (long targetAddr : new long[] {ts.value(), 0}) {
                call.targetAddr = targetAddr;
                Arch.Trampoline tr = arch.gentramp(call);
                byte[] got = tr.code().clone();
                if (tr.relocType() != 0) {
                    apply(arch, got, tr, t.value(), ts.value(), big);
                }
                if (!Arrays.equals(want, got)) {
                    res.wrong.add(t.name() + (targetAddr == 0 ? " (target not placed)" : "") + ": got "
                            + HexFormat.of().formatHex(got) + " want " + HexFormat.of().formatHex(want));
                }
            }
            if (res.wrong.size() == wrongBefore) {
                res.trampolinesMatched++;
            }
        }

        // Every call: to its target, or to one of its trampolines.
        LinkContext ctxt = TestLinks.loaded(GoldenInputs.options(inputs, "hello"));
        Loader ldr = ctxt.loader();
        Relocs relocs = ldr.relocs();
        RelocSite site = new RelocSite();
        for (int s = 1; s < ldr.nSym(); s++) {
            if (!ldr.attrReachable(s) || ldr.symType(s) != SymKind.STEXT) {
                continue;
            }
            ElfSymbols.Sym ss = find(syms, ldr.symName(s));
            if (ss == null || ss.fileOff() < 0) {
                continue;
            }
            ByteBuffer data = ldr.data(s);
            byte[] p = new byte[data.remaining()];
            data.duplicate().get(p);
            relocs.reset(s);
            for (int ri = 0; ri < relocs.count(); ri++) {
                if (relocs.type(ri) != callType) {
                    continue;
                }
                String tname = ldr.symName(relocs.sym(ri));
                ElfSymbols.Sym ts = find(syms, tname);
                if (ts == null) {
                    res.skipped.merge("call target not found or ambiguous", 1, Integer::sum);
                    continue;
                }
                int off = relocs.off(ri);
                byte[] want = Arrays.copyOfRange(out, (int) (ss.fileOff() + off), (int) (ss.fileOff() + off + 4));
                site.symAddr = ss.value();
                site.off = off;
                site.siz = 4;
                site.type = callType;
                site.add = relocs.add(ri);
                site.targetAddr = ts.value();
                if (Arrays.equals(want, call(arch, site, p, big))) {
                    res.direct++;
                    continue;
                }
                boolean found = false;
                for (int i = 0; i < 8 && !found; i++) {
                    site.add = relocs.add(ri);
                    site.targetAddr = ts.value();
                    ElfSymbols.Sym tramp = syms.byName.get(arch.trampolineName(tname, site, i));
                    if (tramp == null) {
                        continue;
                    }
                    assertTrue(arch.trampolineReaches(site, tramp.value()), "a used trampoline is in reach");
                    site.add = arch.redirectedCallAdd(site);
                    site.targetAddr = tramp.value();
                    found = Arrays.equals(want, call(arch, site, p, big));
                }
                if (found) {
                    res.viaTrampoline++;
                } else {
                    res.wrong.add(ldr.symName(s) + "+" + off + " -> " + tname + ": reaches neither it nor a trampoline");
                }
            }
        }
        return res;
    }

    private static ElfSymbols.Sym find(ElfSymbols syms, String name) {
        boolean plain = syms.byName.containsKey(name);
        boolean abi0 = syms.byName.containsKey(name + ".abi0");
        if (plain == abi0) {
            return null; // missing, or two candidates
        }
        return syms.byName.get(plain ? name : name + ".abi0");
    }

    private static byte[] call(Arch arch, RelocSite site, byte[] p, boolean big) {
        site.value = RelocOracle.get(p, site.off, 4, big);
        site.error = null;
        assertTrue(arch.archreloc(site));
        byte[] got = new byte[4];
        RelocOracle.put(got, 0, site.value, 4, big);
        return got;
    }

    /** Applies a trampoline's relocation as the trampoline at {@code trampAddr} to a target at {@code targetAddr}. */
    private static void apply(Arch arch, byte[] code, Arch.Trampoline tr, long trampAddr, long targetAddr, boolean big) {
        RelocSite r = new RelocSite();
        r.type = tr.relocType();
        r.off = tr.relocOff();
        r.siz = tr.relocSiz();
        r.add = tr.relocAdd();
        r.symAddr = trampAddr;
        r.targetAddr = targetAddr;
        long v;
        if (r.type == RelocTypes.R_ADDR) {
            v = targetAddr + r.add;
        } else {
            r.value = RelocOracle.get(code, r.off, r.siz, big);
            assertTrue(arch.archreloc(r));
            v = r.value;
        }
        RelocOracle.put(code, r.off, v, r.siz, big);
    }
}
