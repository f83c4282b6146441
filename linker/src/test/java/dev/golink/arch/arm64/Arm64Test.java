package dev.golink.arch.arm64;

import dev.golink.arch.Arch;
import dev.golink.arch.RelocOracle;
import dev.golink.arch.RelocSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static dev.golink.goobj.RelocTypes.R_ADDRARM64;
import static dev.golink.goobj.RelocTypes.R_ARM64_GOTPCREL;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST64;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST8;
import static dev.golink.goobj.RelocTypes.R_ARM64_PCREL;
import static dev.golink.goobj.RelocTypes.R_ARM64_TLS_IE;
import static dev.golink.goobj.RelocTypes.R_CALLARM64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arm64 backend: cmd/link's relocations of the golden programs, and the kinds they do not meet. */
class Arm64Test {

    @TempDir
    static Path work;

    @ParameterizedTest
    @ValueSource(strings = {"hello", "asm"})
    void relocationsMatchCmdLink(String program) throws Exception {
        RelocOracle.Result r = RelocOracle.check("arm64", program, work, 10000);
        assertTrue(r.backend.checked("R_ADDRARM64") > 1000 && r.backend.checked("R_ARM64_TLS_LE") > 0, r.report());
    }

    static RelocSite site(int type, long symAddr, int off, long target, long add, long value) {
        RelocSite s = new RelocSite();
        s.type = type;
        s.symAddr = symAddr;
        s.off = off;
        s.siz = type == R_ADDRARM64 ? 8 : 4;
        s.targetAddr = target;
        s.add = add;
        s.value = value;
        return s;
    }

    @Test
    void pageOffsetsOfLoadsAndStoresAreScaled() {
        Arm64 a = new Arm64();
        RelocSite s = site(R_ARM64_LDST64, 0x10ff0, 8, 0x12008, 0, 0xf9400000L); // LDR X0, [X0]
        assertTrue(a.archreloc(s));
        assertNull(s.error);
        assertEquals(0xf9400000L | 1 << 10, s.value); // offset 8 in the page, in units of 8
        s = site(R_ARM64_LDST64, 0x10ff0, 8, 0x12004, 0, 0xf9400000L);
        a.archreloc(s);
        assertNotNull(s.error, "a 64-bit access to an address not a multiple of 8");
        s = site(R_ARM64_LDST8, 0x10ff0, 8, 0x12fff, 0, 0x39400000L);
        a.archreloc(s);
        assertEquals(0x39400000L | 0xfffL << 10, s.value);
    }

    @Test
    void pcrelPatchesAdrpAndAdd() {
        Arm64 a = new Arm64();
        RelocSite s = site(R_ARM64_PCREL, 0x11000, 0, 0x13008, 0, 0x90000000L); // ADRP X0: 2 pages ahead
        a.archreloc(s);
        assertEquals(0x90000000L | 2L << 29, s.value);
        s = site(R_ARM64_PCREL, 0x11000, 4, 0x13008, 0, 0x91000000L); // ADD X0, X0, #lo12
        a.archreloc(s);
        assertEquals(0x91000000L | 8 << 10, s.value);
    }

    @Test
    void addrarm64PatchesBothWords() {
        Arm64 a = new Arm64();
        // ADRP X1 at 0x11000 to 0x1234_5678: 0x12334 pages ahead; ADD of 0x678.
        RelocSite s = site(R_ADDRARM64, 0x11000, 0, 0x12345678, 0, 0x91000021L << 32 | 0x90000001L);
        a.archreloc(s);
        long pages = (0x12345000L - 0x11000) >> 12;
        long adrp = 0x90000001L | (pages & 3) << 29 | (pages >> 2 & 0x7ffff) << 5;
        assertEquals((0x91000021L | 0x678L << 10) << 32 | adrp, s.value);
    }

    @Test
    void outOfRangeAndUnsupportedAreReported() {
        Arm64 a = new Arm64();
        RelocSite s = site(R_CALLARM64, 0x11000, 0, 0x11000 + (1L << 27), 0, 0x94000000L);
        a.archreloc(s);
        assertNotNull(s.error, "BL reaches 128 MiB");
        s = site(R_CALLARM64, 0x11000, 0, 0x11000 + (1L << 27) - 4, 0, 0x94000000L);
        a.archreloc(s);
        assertNull(s.error);
        assertEquals(0x94000000L | 0x1ffffff, s.value);
        // Initial-exec TLS in a static executable: cmd/link's log.Fatalf.
        RelocSite ie = site(R_ARM64_TLS_IE, 0x11000, 0, 0, 0, 0);
        ie.names = n -> "main.f";
        assertEquals("cannot handle R_ARM64_TLS_IE (sym main.f) when linking internally", org.junit.jupiter.api.Assertions
                .assertThrows(dev.golink.LogFatalException.Unchecked.class, () -> a.archreloc(ie)).getMessage());
        assertFalse(a.archreloc(site(R_ARM64_GOTPCREL, 0x11000, 0, 0, 0, 0)));
    }

    @Test
    void trampolinesMatchCmdLinkWithDebugtramp() throws Exception {
        dev.golink.arch.TrampolineOracle.check("arm64", R_CALLARM64, work);
    }

    @Test
    void trampolinesAreNeeded() {
        Arm64 a = new Arm64();
        assertTrue(a.needsTrampolines());
        assertEquals(0x7c00000, a.trampLimit());
        assertEquals(R_CALLARM64, a.trampolineCallType());
        // -debugtramp=2: arm64 alone also forces trampolines on calls from symbols of no package.
        assertTrue(a.debugTrampForces("", ""));
        assertTrue(!a.debugTrampForces("main", "main"));
        // To an import: ADRP and LDR of its GOT slot, then BR.
        Arch.Trampoline got = a.gentrampgot(new RelocSite());
        assertEquals(R_ARM64_GOTPCREL, got.relocType());
        assertEquals(8, got.relocSiz());
        assertEquals(0xf9400210, java.nio.ByteBuffer.wrap(got.code()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(4));
        RelocSite s = site(R_CALLARM64, 0x11000, 0, 0x11000 + (1L << 27), -8, 0x94000000L);
        assertEquals("runtime.x-8-tramp0", a.trampolineName("runtime.x", s, 0));
        assertTrue(!a.callOutOfReach(s), "the addend counts");
        s.add = 0;
        assertTrue(a.callOutOfReach(s));
    }
}
