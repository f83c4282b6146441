package dev.golink.ld;

import dev.golink.GoldenInputs;
import dev.golink.LinkContext;
import dev.golink.Target;
import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.RelocSite;
import dev.golink.arch.arm.Arm;
import dev.golink.goobj.RelocTypes;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.sym.SymKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trampoline pass on its own. cmd/link's bytes are the conformance suite's
 * business (OnTheSpotTrampolineTest, with -debugtramp=2); here linux/arm hello
 * is laid out by a backend whose calls reach only 64 KiB, so that the pass
 * meets what the golden programs are too small for: calls out of reach of
 * placed targets, and trampolines out of reach that must be made again.
 */
class TrampolinesTest {

    private static final long REACH = 64 << 10;
    private static final Pattern NAME = Pattern.compile("(.*)([+-]\\d+)-tramp(\\d+)");

    @TempDir
    static Path work;

    /** arm with a short reach, and every program taking the trampoline path. */
    static final class ShortArm implements Arch {
        final Arm arm = new Arm();

        private static boolean fits(long words) {
            return Math.abs(words * 4) < REACH;
        }

        @Override
        public ArchInfo info() {
            return arm.info();
        }

        @Override
        public long trampLimit() {
            return 1;
        }

        @Override
        public int trampolineCallType() {
            return arm.trampolineCallType();
        }

        @Override
        public boolean callOutOfReach(RelocSite call) {
            long words = (call.targetAddr + (((int) call.add << 8) >> 8) * 4 - (call.symAddr + call.off)) / 4;
            return call.targetAddr == 0 || !fits(words);
        }

        @Override
        public boolean trampolineReaches(RelocSite call, long trampAddr) {
            return fits((trampAddr - 8 - (call.symAddr + call.off)) / 4);
        }

        @Override
        public String trampolineName(String targetName, RelocSite call, int i) {
            return arm.trampolineName(targetName, call, i);
        }

        @Override
        public Trampoline gentramp(RelocSite call) {
            return arm.gentramp(call);
        }

        @Override
        public long redirectedCallAdd(RelocSite call) {
            return arm.redirectedCallAdd(call);
        }
    }

    static LinkContext laidOut(Target target, String program, Arch arch, String... flags) throws Exception {
        Path inputs = GoldenInputs.unpack(target, work);
        LinkContext ctxt = dev.golink.TestLinks.loaded(GoldenInputs.options(inputs, program, flags));
        ctxt.arch = arch;
        dev.golink.TestLinks.resume(ctxt, "undefined", "textaddress");
        return ctxt;
    }

    @Test
    void everyCallReachesItsTargetOrATrampolineLaidOutAfterItsFirstCaller() throws Exception {
        ShortArm arch = new ShortArm();
        LinkContext ctxt = laidOut(new Target("linux", "arm"), "hello", arch);
        Loader ldr = ctxt.loader();
        int[] textp = ctxt.textp;
        List<Integer> tramps = new ArrayList<>();
        int copies = 0;
        for (int k = 0; k < textp.length; k++) {
            int s = textp[k];
            if (k > 0) {
                assertTrue(ldr.symValue(s) > ldr.symValue(textp[k - 1]), "textp in address order at " + ldr.symName(s));
            }
            Matcher m = NAME.matcher(ldr.symName(s));
            if (!m.matches() || ldr.symLib(s) != null) {
                continue;
            }
            tramps.add(s);
            copies += m.group(3).equals("0") ? 0 : 1;
            assertEquals(SymKind.STEXT, ldr.symType(s));
            assertTrue(ldr.attrReachable(s) && ldr.attrOnList(s));
            assertEquals(12, ldr.symSize(s));
            assertTrue(k > 0, "a trampoline follows the function it was made for");
            int target = ldr.lookup(m.group(1), ldr.symVersion(s));
            assertTrue(target != 0, "the target named by " + ldr.symName(s));
            assertEquals(m.group(1).equals("runtime.deferreturn"), ctxt.deferReturnTramps.get(s));
        }
        assertTrue(tramps.size() > 100, tramps.size() + " trampolines");
        assertTrue(copies > 10, "trampolines made again where the first is out of reach: " + copies);

        Relocs relocs = ldr.relocs();
        RelocSite call = new RelocSite();
        int viaTramp = 0;
        for (int s : textp) {
            relocs.reset(s);
            for (int ri = 0; ri < relocs.count(); ri++) {
                if (relocs.type(ri) != RelocTypes.R_CALLARM) {
                    continue;
                }
                call.symAddr = ldr.symValue(s);
                call.off = relocs.off(ri);
                call.add = relocs.add(ri);
                call.targetAddr = ldr.symValue(relocs.sym(ri));
                boolean tramp = tramps.contains(relocs.sym(ri));
                if (tramp) {
                    viaTramp++;
                    assertEquals(0xfffffe, call.add & 0xffffff, "the offset moved into the trampoline");
                } else if (call.targetAddr > call.symAddr) {
                    continue; // not placed when the pass looked, and laid out close by (same package)
                }
                assertFalse(arch.callOutOfReach(call), ldr.symName(s) + "+" + call.off + " -> "
                        + ldr.symName(relocs.sym(ri)) + " is out of reach");
            }
        }
        assertTrue(viaTramp > tramps.size(), "trampolines are shared: " + viaTramp + " calls");
    }

    /** Where calls reach everywhere nothing changes, whatever -debugtramp says. */
    @ParameterizedTest
    @ValueSource(strings = {"linux/amd64", "linux/s390x", "js/wasm"})
    void noPassWithoutAReach(String target) throws Exception {
        Target t = Target.parse(target);
        LinkContext plain = laidOut(t, "hello", dev.golink.arch.Arches.backend(t.goarch()));
        LinkContext debug = laidOut(t, "hello", dev.golink.arch.Arches.backend(t.goarch()), "-debugtramp=2");
        assertEquals(plain.textp.length, debug.textp.length);
        for (int k = 0; k < plain.textp.length; k++) {
            assertEquals(plain.loader().symValue(plain.textp[k]), debug.loader().symValue(debug.textp[k]));
        }
    }

    /**
     * The packages of dupok functions: each package's own functions start its stretch of text and the
     * dupok functions it lays out follow them, so a function laid out with another package than its
     * object's has the package of the function before it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"linux/arm:features", "linux/arm64:features", "darwin/arm64:features", "linux/ppc64:features"})
    void dupokFunctionsBelongToThePackageThatLaysThemOut(String c) throws Exception {
        String[] tp = c.split(":");
        Path inputs = GoldenInputs.unpack(Target.parse(tp[0]), work);
        LinkContext ctxt = dev.golink.TestLinks.through(GoldenInputs.options(inputs, tp[1]), "linksetup");
        Loader ldr = ctxt.loader();
        int moved = 0;
        int prev = 0;
        for (int s : ctxt.textp) {
            if (ldr.symTextLib(s) != ldr.symLib(s)) {
                moved++;
                assertEquals(ldr.symTextLib(prev), ldr.symTextLib(s), ldr.symName(s) + " follows " + ldr.symName(prev));
            }
            prev = s;
        }
        assertTrue(moved > 0, "some dupok function is laid out with another package than its object's");
    }
}
