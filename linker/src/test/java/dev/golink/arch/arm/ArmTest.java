package dev.golink.arch.arm;

import dev.golink.arch.RelocOracle;
import dev.golink.arch.RelocSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static dev.golink.goobj.RelocTypes.R_CALLARM;
import static dev.golink.goobj.RelocTypes.R_PLT0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arm backend: cmd/link's relocations of the golden programs, and the kinds they do not meet. */
class ArmTest {

    @TempDir
    static Path work;

    @ParameterizedTest
    @ValueSource(strings = {"hello", "asm"})
    void relocationsMatchCmdLink(String program) throws Exception {
        RelocOracle.Result r = RelocOracle.check("arm", program, work, 10000);
        // R_TLS_LE is generic, but its value comes from the backend's tlsLE: 8 + the TLS offset.
        assertTrue(r.generic.checked("R_TLS_LE") > 0, r.report());
    }

    @Test
    void trampolinesMatchCmdLinkWithDebugtramp() throws Exception {
        dev.golink.arch.TrampolineOracle.check("arm", R_CALLARM, work);
    }

    @Test
    void trampolineReachIsAsymmetricLikeCmdLinks() {
        Arm a = new Arm();
        RelocSite s = call(0x1000000, 0, 0, 0xebfffffeL);
        assertTrue(a.callOutOfReach(s), "a target not placed yet");
        s.targetAddr = 0x1000000 + 8 + 0x7fffffL * 4;
        assertTrue(!a.callOutOfReach(s));
        s.targetAddr += 4;
        assertTrue(a.callOutOfReach(s));
        s.targetAddr = 0x1000000 + 8 - 0x800000L * 4;
        assertTrue(a.callOutOfReach(s), "cmd/link gives up one word early backwards");
        assertEquals("runtime.duffzero+128-tramp1", a.trampolineName("runtime.duffzero",
                call(0, 0, 0, 0xeb000000L | 30), 1));
        assertEquals(0xebfffffeL, a.redirectedCallAdd(call(0, 0, 0, 0xeb00001eL)));
    }

    static RelocSite call(long symAddr, int off, long target, long insn) {
        RelocSite s = new RelocSite();
        s.type = R_CALLARM;
        s.siz = 4;
        s.symAddr = symAddr;
        s.off = off;
        s.targetAddr = target;
        s.add = insn;
        return s;
    }

    @Test
    void callKeepsTheOpcodeAndCountsWordsFromTheInstruction() {
        Arm a = new Arm();
        // BL with the assembler's -2 words (the PC reads 8 ahead) in its offset field.
        RelocSite s = call(0x11000, 8, 0x12000, 0xebfffffeL);
        a.archreloc(s);
        assertNull(s.error);
        assertEquals((int) 0xeb000000 | (((0x12000 - 8 - 0x11008) / 4) & 0xffffff), s.value);
        s = call(0x11000, 8, 0x11000 + 0x2000008L + 8, 0xebfffffeL); // 32 MiB away: out of reach
        a.archreloc(s);
        assertNotNull(s.error);
    }

    @Test
    void pltStubsReachTheirGotSlot() {
        // A stub right after the 20-byte header at 0x10000; its slot is .got.plt (0x30000) + 12.
        Arm a = new Arm();
        long[] want = {0xe28fc600L, 0xe28cca1fL, 0xe5bcfff0L}; // add ip, pc, #0; add ip, ip, #0x1f000; ldr pc, [ip, #0xff0]!
        for (int i = 0; i < 3; i++) {
            RelocSite s = call(0x10000, 20 + 4 * i, 0x30000, 12 - 8);
            s.type = R_PLT0 + i;
            assertTrue(a.archreloc(s));
            assertNull(s.error);
            assertEquals(want[i], s.value);
        }
        // pc + 8 + 0x1f000 + 0xff0 is the slot.
        assertEquals(0x3000cL, 0x10014L + 8 + 0x1f000 + 0xff0);
    }

    @Test
    void trampolinesAndTls() {
        Arm a = new Arm();
        RelocSite s = call(0x11000, 0, 0x12000, 0);
        assertTrue(a.needsTrampolines());
        assertEquals(0x1c00000, a.trampLimit());
        assertEquals(R_CALLARM, a.trampolineCallType());
        assertTrue(a.debugTrampForces("main", "fmt") && !a.debugTrampForces("", ""));
        assertThrows(UnsupportedOperationException.class, () -> a.gentrampgot(new RelocSite()),
                "no imported functions on linux/arm");
        s.targetAddr = 4;
        s.add = 100;
        assertEquals(12, a.tlsLE(s), "ELF ARM: 8 + the TLS offset, the addend ignored");
    }

    // The cases below are cmd/link's arm archreloc and trampoline rules at values no golden program has: calls
    // as far as a BL reaches each way, PLT stubs far from their .got.plt slots.

    @Test
    void callsReachTheirBoundsBothWays() {
        Arm a = new Arm();
        // From a BL at 0x1000008 (PC 0x1000010) with the assembler's -2 words: t counts words from the instruction.
        RelocSite s = call(0x1000000, 8, 0x1000008 + 0x7fffffL * 4, 0xebfffffeL);
        a.archreloc(s);
        assertNull(s.error);
        assertEquals(0xeb7ffffdL, s.value & 0xffffffffL);
        s = call(0x1000000, 8, 0x1000008 + 8 + 0x7fffffL * 4, 0xebfffffeL);
        a.archreloc(s);
        assertNull(s.error, "the last word forwards");
        assertEquals(0xeb7fffffL, s.value & 0xffffffffL);
        s = call(0x1000000, 8, 0x1000008 + 0x800000L * 4 + 8, 0xebfffffeL);
        a.archreloc(s);
        assertEquals("direct call too far: 0x800000", s.error);
        s = call(0x3000000, 8, 0x3000008 - 0x800000L * 4 + 8, 0xebfffffeL);
        a.archreloc(s);
        assertNull(s.error, "the last word backwards");
        s = call(0x3000000, 8, 0x3000008 - 0x800000L * 4 + 4, 0xebfffffeL);
        a.archreloc(s);
        assertEquals("direct call too far: -0x800001", s.error, "Go's %#x of a negative number");
    }

    @Test
    void callReachCountsTheCallsOffset() {
        Arm a = new Arm();
        RelocSite s = call(0x1000000, 8, 0x1000008 + 8 + 0x7fffffL * 4, 0xebfffffeL);
        assertFalse(a.callOutOfReach(s));
        s.targetAddr += 4;
        assertTrue(a.callOutOfReach(s));
    }

    @Test
    void trampolinesAreReachedFromThePcEightAhead() {
        Arm a = new Arm();
        RelocSite s = call(0x3000000, 8, 0, 0xebfffffeL);
        long pc = 0x3000008 + 8;
        assertTrue(a.trampolineReaches(s, pc + 0x7ffffeL * 4));
        assertFalse(a.trampolineReaches(s, pc + 0x7fffffL * 4), "cmd/link stops one word short forwards");
        assertTrue(a.trampolineReaches(s, pc - 0x800000L * 4));
        assertFalse(a.trampolineReaches(s, pc - 0x800000L * 4 - 4));
        assertTrue(a.trampolineReaches(s, pc - 0x800000L * 4 - 3), "a word distance rounds towards zero");
    }

    @Test
    void farPltStubsSplitTheirDistance() {
        // A stub at 0x10014 whose .got.plt slot is 0x234_5678 past it: each word's distance to the slot (4 and 8
        // less for the second and third word, which the +4 and +8 make up) gives its part.
        Arm a = new Arm();
        long slot = 0x10014 + 0x2345678L;
        long[] want = {0xe28fc623L, 0xe28cca45L, 0xe5bcf678L};
        for (int i = 0; i < 3; i++) {
            RelocSite s = call(0x10000, 0x14 + 4 * i, slot, 0);
            s.type = R_PLT0 + i;
            assertTrue(a.archreloc(s));
            assertEquals(want[i], s.value, "R_PLT" + i);
        }
        // A distance whose +4 carries into the 4 KiB part.
        RelocSite s = call(0x10000, 0x18, 0x10018 + 0x1fffc, 0);
        s.type = R_PLT0 + 1;
        a.archreloc(s);
        assertEquals(0xe28cca20L, s.value);
    }
}
