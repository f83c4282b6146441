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
import static dev.golink.goobj.RelocTypes.R_ARM64_GOT;
import static dev.golink.goobj.RelocTypes.R_ARM64_GOTPCREL;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST128;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST64;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST8;
import static dev.golink.goobj.RelocTypes.R_ARM64_PCREL;
import static dev.golink.goobj.RelocTypes.R_ARM64_TLS_IE;
import static dev.golink.goobj.RelocTypes.R_ARM64_TLS_LE;
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

    /** The error {@code archreloc} leaves on a relocation at 0x11000 to {@code target}, or null. */
    private static String errorAt(int type, long target, long value) {
        RelocSite s = site(type, 0x11000, 0, target, 0, value);
        new Arm64().archreloc(s);
        return s.error;
    }

    // The limits below are cmd/link's (arm64 archreloc); no golden program comes near them, so each is
    // checked on both sides of its bound here.

    @Test
    void pageDistancesAreLimitedToFourGiBEachWay() {
        long page = 0x11000;
        for (int type : new int[] {R_ADDRARM64, R_ARM64_PCREL, R_ARM64_GOT}) {
            long adrp = type == R_ADDRARM64 ? 0x91000000L << 32 | 0x90000000L : 0x90000000L;
            assertNull(errorAt(type, page + (1L << 32) - 1, adrp), "last reachable byte ahead");
            assertEquals("program too large, address relocation distance = 4294967296",
                    errorAt(type, page + (1L << 32), adrp));
            assertNull(errorAt(type, page - (1L << 32), adrp), "first reachable byte behind");
            assertEquals("program too large, address relocation distance = -4294967297",
                    errorAt(type, page - (1L << 32) - 1, adrp));
        }
    }

    @Test
    void callsReachBackwardsTo128MiB() {
        assertNull(errorAt(R_CALLARM64, 0x11000 - (1L << 27), 0x94000000L));
        assertEquals("program too large, call relocation distance = -134217732",
                errorAt(R_CALLARM64, 0x11000 - (1L << 27) - 4, 0x94000000L));
    }

    @Test
    void localExecTlsOffsetsAreCmdLinksRange() {
        // The offset counts the 16-byte TCB; cmd/link's bound is 32678 (sic).
        assertNull(errorAt(R_ARM64_TLS_LE, -16, 0xd2800000L));
        assertEquals("TLS offset out of range -1", errorAt(R_ARM64_TLS_LE, -17, 0xd2800000L));
        assertNull(errorAt(R_ARM64_TLS_LE, 32677 - 16, 0xd2800000L));
        assertEquals("TLS offset out of range 32678", errorAt(R_ARM64_TLS_LE, 32678 - 16, 0xd2800000L));
        RelocSite s = site(R_ARM64_TLS_LE, 0x11000, 0, 0x20, 0, 0xd2800000L); // MOVZ X0, #(0x20 + 16)
        assertTrue(new Arm64().archreloc(s));
        assertEquals(0xd2800000L | 0x30 << 5, s.value);
    }

    @Test
    void misalignedPageOffsetsAreReportedInGoHex() {
        // Go's %x of a negative distance: a minus sign and the magnitude.
        assertEquals("invalid address: -ffc for relocation type: R_AARCH64_LDST64_ABS_LO12_NC",
                errorAt(R_ARM64_LDST64, 0x10004, 0xf9400000L));
        assertEquals("invalid address: 4 for relocation type: R_AARCH64_LDST64_ABS_LO12_NC",
                errorAt(R_ARM64_LDST64, 0x11004, 0xf9400000L));
        assertEquals("invalid address: 8 for relocation type: R_AARCH64_LDST128_ABS_LO12_NC",
                errorAt(R_ARM64_LDST128, 0x11008, 0x3dc00000L));
        assertEquals("invalid address: 4 for relocation type: R_AARCH64_LD64_GOT_LO12_NC",
                errorAt(R_ARM64_GOT, 0x11004, 0xf9400000L));
        assertEquals("unsupported instruction for d503201f R_GOTARM64", errorAt(R_ARM64_GOT, 0x11000, 0xd503201fL));
        assertEquals("unsupported instruction for d503201f R_ARM64_PCREL", errorAt(R_ARM64_PCREL, 0x11000, 0xd503201fL));
    }

    @Test
    void gotAndPcrelPairsArePatched() {
        Arm64 a = new Arm64();
        // ADRP to 0x1234_5000 + 0x678 from page 0x11000 (as the PLT of a dynamic executable has them).
        long pages = (0x12345000L - 0x11000) >> 12;
        long adrp = (pages & 3) << 29 | (pages >> 2 & 0x7ffff) << 5;
        for (int type : new int[] {R_ARM64_GOT, R_ARM64_PCREL}) {
            RelocSite s = site(type, 0x11000, 0, 0x12345678, 0, 0x90000010L);
            assertTrue(a.archreloc(s));
            assertNull(s.error);
            assertEquals(0x90000010L | adrp, s.value);
        }
        RelocSite ldr = site(R_ARM64_GOT, 0x11000, 4, 0x12345678, 0, 0xf9400210L); // LDR X16, [X16, #lo12]
        assertTrue(a.archreloc(ldr));
        assertEquals(0xf9400210L | 0x678L << 7, ldr.value); // the offset in 8-byte units, at bit 10
    }

    @Test
    void pcrelLoadsAndStoresAreScaledByTheirSize() {
        // Mach-O's ARM64_RELOC_PAGEOFF12 on a load or store: the size is in the top two bits, and a 128-bit
        // vector access (size bits 0, opc bit 23 and V bit 26 set) is scaled by 16.
        Arm64 a = new Arm64();
        long[][] cases = {
            {0x39400000L, 0x12fffL, 0xfff}, // LDRB: bytes
            {0x79400000L, 0x12ffeL, 0xfff >> 1}, // LDRH
            {0xb9400000L, 0x12ffcL, 0xfff >> 2}, // LDR W
            {0xf9400000L, 0x12ff8L, 0xfff >> 3}, // LDR X
            {0x3dc00000L, 0x12ff0L, 0xfff >> 4}, // LDR Q
        };
        for (long[] c : cases) {
            RelocSite s = site(R_ARM64_PCREL, 0x11000, 0, c[1], 0, c[0]);
            assertTrue(a.archreloc(s));
            assertNull(s.error, Long.toHexString(c[0]));
            assertEquals(c[0] | c[2] << 10, s.value, Long.toHexString(c[0]));
        }
        assertEquals("invalid address: 1008 for relocation type: ARM64_RELOC_PAGEOFF12",
                errorAt(R_ARM64_PCREL, 0x12008, 0x3dc00000L));
        assertEquals("invalid address: 1002 for relocation type: ARM64_RELOC_PAGEOFF12",
                errorAt(R_ARM64_PCREL, 0x12002, 0xb9400000L));
        assertNull(errorAt(R_ARM64_PCREL, 0x12001, 0x39400000L));
    }

    @Test
    void trampolineReachIsBLs() {
        Arm64 a = new Arm64();
        RelocSite call = site(R_CALLARM64, 0x11000, 8, 0, 0, 0x94000000L);
        call.targetAddr = 0x11008 - (1L << 27) + 16;
        call.add = -16;
        assertFalse(a.callOutOfReach(call), "the addend and the offset count");
        call.add = -20;
        assertTrue(a.callOutOfReach(call));
        call.targetAddr = 0;
        call.add = 0;
        assertTrue(a.callOutOfReach(call), "a target not laid out yet");
        assertTrue(a.trampolineReaches(call, 0x11008 + (1L << 27) - 4));
        assertFalse(a.trampolineReaches(call, 0x11008 + (1L << 27)));
        assertTrue(a.trampolineReaches(call, 0x11008 - (1L << 27)));
        assertFalse(a.trampolineReaches(call, 0x11008 - (1L << 27) - 4));
        assertTrue(a.debugTrampForces("main", "fmt"));
        assertTrue(a.debugTrampForces("", "main"));
    }
}
