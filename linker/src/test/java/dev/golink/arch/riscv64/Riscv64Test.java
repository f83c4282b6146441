package dev.golink.arch.riscv64;

import dev.golink.arch.Arch;
import dev.golink.arch.RelocOracle;
import dev.golink.arch.RelocSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.golink.goobj.RelocTypes.R_RISCV_CALL;
import static dev.golink.goobj.RelocTypes.R_RISCV_CALL_TRAMP;
import static dev.golink.goobj.RelocTypes.R_RISCV_PCREL_ITYPE;
import static dev.golink.goobj.RelocTypes.R_RISCV_PCREL_STYPE;
import static dev.golink.goobj.RelocTypes.R_RISCV_TLS_IE_ITYPE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The riscv64 backend: cmd/link's relocations of a golden program, and the encodings they rest on. */
class Riscv64Test {

    @TempDir
    static Path work;

    @Test
    void relocationsMatchCmdLink() throws Exception {
        RelocOracle.Result r = RelocOracle.check("riscv64", "hello", work, 10000);
        assertTrue(r.backend.checked("R_RISCV_PCREL_ITYPE") > 100, r.report());
    }

    private static RelocSite site(int type, long symAddr, int off, long targetAddr, long value) {
        RelocSite s = new RelocSite();
        s.type = type;
        s.symAddr = symAddr;
        s.off = off;
        s.targetAddr = targetAddr;
        s.value = value;
        return s;
    }

    @Test
    void jalCarriesAScrambledEvenOffsetOfOneMiB() {
        Riscv64 a = new Riscv64();
        // JAL X1 (0x000000ef) to 0x800 bytes ahead, and back 2 bytes.
        RelocSite s = site(R_RISCV_CALL, 0x10000, 0, 0x10800, 0x000000efL);
        assertTrue(a.archreloc(s));
        assertNull(s.error);
        assertEquals(0x001000efL, s.value); // bit 11 of the offset goes to bit 20
        s = site(R_RISCV_CALL_TRAMP, 0x10002, 0, 0x10000, 0x000000efL);
        a.archreloc(s);
        assertEquals(0xfffff0efL, s.value); // -2: every immediate bit set
        s = site(R_RISCV_CALL, 0, 0, 1 << 20, 0x000000efL);
        s.target = 7;
        s.names = n -> "main.far";
        a.archreloc(s);
        assertEquals("cannot encode R_RISCV_CALL relocation offset for main.far: immediate 0x100000 does not fit in 21 bits",
                s.error); // cmd/link's words
        s = site(R_RISCV_CALL, 0, 0, 3, 0x000000efL);
        s.names = n -> "main.odd";
        a.archreloc(s);
        assertEquals("cannot encode R_RISCV_CALL relocation offset for main.odd: immediate 0x3 is not a multiple of two",
                s.error);
    }

    @Test
    void pcrelPairsRoundTheUpperHalf() {
        Riscv64 a = new Riscv64();
        // AUIPC X5 then ADDI X5, X5 (I-type); 0x1800 ahead needs AUIPC 2 and ADDI -0x800.
        long auipc = 0x00000297L;
        long addi = 0x00028293L;
        RelocSite s = site(R_RISCV_PCREL_ITYPE, 0x10000, 0, 0x11800, addi << 32 | auipc);
        a.archreloc(s);
        assertEquals((addi | 0x800L << 20) << 32 | auipc | 2L << 12, s.value);
        // SD X6, (X5) (S-type): 0x7f4 ahead, no upper half.
        long sd = 0x0062b023L;
        s = site(R_RISCV_PCREL_STYPE, 0x10000, 0, 0x107f4, sd << 32 | auipc);
        a.archreloc(s);
        assertEquals((sd | 0x3fL << 25 | 0x14L << 7) << 32 | auipc, s.value);
        s = site(R_RISCV_TLS_IE_ITYPE, 0x10000, 0, 0, addi << 32 | auipc);
        a.archreloc(s);
        assertEquals(0x00100073L << 32 | 0x00100073L, s.value);
    }

    @Test
    void trampolinesAreAuipcJalrAndMarkTentativeCalls() {
        Riscv64 a = new Riscv64();
        RelocSite call = site(R_RISCV_CALL, 0x10000, 8, 0, 0);
        call.add = 16;
        assertTrue(a.needsTrampolines() && a.unplacedCallsNeedTrampolines());
        assertTrue(a.callOutOfReach(call));
        assertEquals(R_RISCV_CALL_TRAMP, a.redirectedCallType(call));
        assertEquals("f+10-tramp0", a.trampolineName("f", call, 0));
        Arch.Trampoline t = a.gentramp(call);
        assertArrayEquals(new byte[] {(byte) 0x97, 0x0f, 0, 0, 0x67, (byte) 0x80, 0x0f, 0}, t.code());
        assertEquals(R_RISCV_PCREL_ITYPE, t.relocType());
        assertEquals(16, t.relocAdd());
        call.targetAddr = 0x20000;
        assertEquals(R_RISCV_CALL, a.redirectedCallType(call));
    }

    // cmd/link's riscv64 limits at values no golden program reaches: a JAL's 1 MiB each way (for calls and
    // trampolines), an AUIPC pair's 32 bits.

    @Test
    void jalReachIsOneMiBEachWay() {
        Riscv64 a = new Riscv64();
        RelocSite call = site(R_RISCV_CALL, 0x200000, 8, 0, 0);
        call.add = 16;
        long pc = 0x200008;
        call.targetAddr = pc - 16 - (1L << 20);
        assertFalse(a.callOutOfReach(call), "the addend and the call's offset count");
        call.targetAddr -= 2;
        assertTrue(a.callOutOfReach(call));
        call.targetAddr = pc - 16 + (1L << 20) - 2;
        assertFalse(a.callOutOfReach(call));
        call.targetAddr += 2;
        assertTrue(a.callOutOfReach(call));
        assertTrue(a.trampolineReaches(call, pc - (1L << 20)));
        assertFalse(a.trampolineReaches(call, pc - (1L << 20) - 2));
        assertTrue(a.trampolineReaches(call, pc + (1L << 20) - 2));
        assertFalse(a.trampolineReaches(call, pc + (1L << 20)));
        RelocSite back = site(R_RISCV_CALL, 0x200000, 0, 0x200000 - (1L << 20) - 2, 0x000000efL);
        back.names = n -> "main.far";
        a.archreloc(back);
        assertEquals("cannot encode R_RISCV_CALL relocation offset for main.far: immediate -0x100002 does not fit in 21 bits",
                back.error);
        assertFalse(a.archreloc(site(dev.golink.goobj.RelocTypes.R_CALL, 0, 0, 0, 0)), "a generic kind");
    }

    @Test
    void pcrelPairsReachTwoGiBEachWay() {
        Riscv64 a = new Riscv64();
        long auipc = 0x00000297L;
        long addi = 0x00028293L;
        long base = 0x100000000L;
        long[][] cases = {{(1L << 31) - 1, 0}, {1L << 31, 1}, {-(1L << 31), 0}, {-(1L << 31) - 1, 1}};
        for (long[] c : cases) {
            RelocSite s = site(R_RISCV_PCREL_ITYPE, base, 0, base + c[0], addi << 32 | auipc);
            a.archreloc(s);
            assertEquals(c[1] == 1 ? "R_RISCV_PCREL_ relocation does not fit in 32 bits: " + c[0] : null, s.error);
        }
    }
}
