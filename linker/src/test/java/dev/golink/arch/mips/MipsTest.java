package dev.golink.arch.mips;

import dev.golink.arch.RelocOracle;
import dev.golink.arch.RelocSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteOrder;
import java.nio.file.Path;

import static dev.golink.goobj.RelocTypes.R_ADDRMIPS;
import static dev.golink.goobj.RelocTypes.R_ADDRMIPSTLS;
import static dev.golink.goobj.RelocTypes.R_ADDRMIPSU;
import static dev.golink.goobj.RelocTypes.R_CALLMIPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mips/mipsle backend: cmd/link's relocations of the golden programs, and what they do not show. */
class MipsTest {

    @TempDir
    static Path work;

    @ParameterizedTest
    @ValueSource(strings = {"hello", "asm"})
    void relocationsMatchCmdLink(String program) throws Exception {
        RelocOracle.Result r = RelocOracle.check("mips", program, work, 10000);
        assertTrue(r.backend.checked("R_ADDRMIPSU") > 1000 && r.backend.checked("R_JMPMIPS") > 0
                && r.backend.checked("R_ADDRMIPSTLS") > 0, r.report());
    }

    static RelocSite site(int type, long symAddr, long target, long value) {
        RelocSite s = new RelocSite();
        s.type = type;
        s.siz = 4;
        s.symAddr = symAddr;
        s.targetAddr = target;
        s.value = value;
        return s;
    }

    @Test
    void highHalfIsRoundedForTheSignExtendedLowHalf() {
        Mips m = new Mips("mips", false);
        RelocSite s = site(R_ADDRMIPSU, 0x11000, 0x1234_8000L, 0x3c010000L); // LUI R1
        m.archreloc(s);
        assertEquals(0x3c011235L, s.value);
        s = site(R_ADDRMIPS, 0x11000, 0x1234_8000L, 0x24210000L); // ADDIU R1, R1
        m.archreloc(s);
        assertEquals(0x24218000L, s.value);
    }

    @Test
    void callsStayInTheir256MiBRegionAndTlsIn16Bits() {
        Mips m = new Mips("mips", false);
        RelocSite s = site(R_CALLMIPS, 0x0ffffff0L, 0x10000010L, 0x0c000000L);
        m.archreloc(s);
        assertNotNull(s.error, "JAL cannot leave the region of its delay slot");
        s = site(R_CALLMIPS, 0x11000, 0x12002, 0x0c000000L);
        m.archreloc(s);
        assertNotNull(s.error, "unaligned target");
        s = site(R_CALLMIPS, 0x11000, 0x12000, 0x0c000000L);
        m.archreloc(s);
        assertNull(s.error);
        assertEquals(0x0c000000L | 0x12000 >> 2, s.value);
        s = site(R_ADDRMIPSTLS, 0x11000, 0x10000, 0x24210000L);
        m.archreloc(s);
        assertNotNull(s.error);
    }

    @Test
    void factsFollowGoarchAndGomips() {
        assertEquals(ByteOrder.LITTLE_ENDIAN, new Mips("mipsle", false).info().order());
        assertEquals(ByteOrder.BIG_ENDIAN, new Mips("mips", true).info().order());
        assertEquals(Mips.MIPS_FPABI_SOFT, new Mips("mips", true).elfMipsFpAbi());
        assertEquals(Mips.MIPS_FPABI_ANY, new Mips("mipsle", false).elfMipsFpAbi());
        assertThrows(IllegalArgumentException.class, () -> new Mips("mips64", false));
        assertFalse(new Mips("mips", false).needsTrampolines());
        assertTrue(new Mips("mips", false).info().elfFlags() != 0);
    }

    // cmd/link's mips archreloc at values the golden programs do not have: addends, a call whose delay slot is
    // the first word of a 256 MiB region, the edges of the TLS range.

    @Test
    void callsCountTheAddendAndTheDelaySlot() {
        Mips m = new Mips("mips", false);
        // JAL at 0x0ffffff8 + 4: its delay slot, 0x10000000, is in the region of the target.
        RelocSite s = site(R_CALLMIPS, 0x0ffffff8L, 0x10000000L, 0x0c000000L);
        s.off = 4;
        s.add = 8;
        m.archreloc(s);
        assertNull(s.error);
        assertEquals(0x0c000000L | (0x10000008L >> 2 & 0x03ffffff), s.value);
        s = site(R_CALLMIPS, 0x0ffffff8L, 0x10000000L, 0x0c000000L);
        s.off = 0;
        m.archreloc(s);
        assertEquals("direct call too far: 0x10000000", s.error);
        s = site(R_CALLMIPS, 0x11000, 0x12000, 0x0c000000L);
        s.add = 2;
        m.archreloc(s);
        assertEquals("direct call is not aligned: 0x12002", s.error);
    }

    @Test
    void tlsOffsetsAreCmdLinksRange() {
        // The thread pointer is 0x7000 past the TLS block; cmd/link's bound is 32678 (sic).
        Mips m = new Mips("mips", false);
        long[][] cases = {{0x7000 - 32768, 0}, {0x7000 - 32769, 1}, {0x7000 + 32677, 0}, {0x7000 + 32678, 1}};
        for (long[] c : cases) {
            RelocSite s = site(R_ADDRMIPSTLS, 0x11000, c[0] - 4, 0x24210000L);
            s.add = 4;
            m.archreloc(s);
            assertEquals(c[1] == 1, s.error != null, "TLS offset " + (c[0] - 0x7000));
            assertEquals(0x24210000L | (c[0] - 0x7000) & 0xffff, s.value);
        }
        assertFalse(m.archreloc(site(dev.golink.goobj.RelocTypes.R_CALL, 0x11000, 0x12000, 0)), "a generic kind");
    }
}
