package dev.golink.arch.mips64;

import dev.golink.arch.RelocOracle;
import dev.golink.arch.RelocSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteOrder;
import java.nio.file.Path;

import static dev.golink.goobj.RelocTypes.R_ADDRMIPSTLS;
import static dev.golink.goobj.RelocTypes.R_JMPMIPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mips64/mips64le backend: cmd/link's relocations of the golden programs, and what they do not show. */
class Mips64Test {

    @TempDir
    static Path work;

    @ParameterizedTest
    @ValueSource(strings = {"hello", "asm"})
    void relocationsMatchCmdLink(String program) throws Exception {
        RelocOracle.Result r = RelocOracle.check("mips64", program, work, 10000);
        assertTrue(r.backend.checked("R_ADDRMIPSU") > 1000 && r.backend.checked("R_JMPMIPS") > 0
                && r.backend.checked("R_ADDRMIPSTLS") > 0, r.report());
    }

    @Test
    void tlsOffsetIsCheckedAndJumpsAreNot() {
        Mips64 m = new Mips64("mips64le");
        assertEquals(ByteOrder.LITTLE_ENDIAN, m.info().order());
        RelocSite s = new RelocSite();
        s.type = R_ADDRMIPSTLS;
        s.siz = 4;
        s.targetAddr = 0x8;
        s.value = 0x24210000L;
        m.archreloc(s);
        assertNull(s.error);
        assertEquals(0x24210000L | (0x8 - 0x7000) & 0xffff, s.value);
        s.targetAddr = 0x10000;
        s.value = 0x24210000L;
        m.archreloc(s);
        assertNotNull(s.error);
        // Unlike mips, cmd/link's mips64 does not check the 256 MiB region of J/JAL.
        s = new RelocSite();
        s.type = R_JMPMIPS;
        s.siz = 4;
        s.symAddr = 0x0ffffff0L;
        s.targetAddr = 0x10000010L;
        s.value = 0x08000000L;
        assertTrue(m.archreloc(s));
        assertNull(s.error);
        assertEquals(0x08000000L | 0x10000010L >> 2 & 0x3ffffff, s.value);
        assertThrows(IllegalArgumentException.class, () -> new Mips64("mips"));
    }

    /** cmd/link's TLS range (32678, sic) on both sides, with an addend, and OpenBSD's thread pointer at the block. */
    @Test
    void tlsOffsetsAreCmdLinksRange() {
        long[][] cases = {{-32768, 0}, {-32769, 1}, {32677, 0}, {32678, 1}};
        for (long tp : new long[] {0x7000, 0}) {
            Mips64 m = new Mips64("mips64", tp);
            for (long[] c : cases) {
                RelocSite s = new RelocSite();
                s.type = R_ADDRMIPSTLS;
                s.targetAddr = tp + c[0] - 4;
                s.add = 4;
                s.value = 0x24210000L;
                m.archreloc(s);
                assertEquals(c[1] == 1 ? "TLS offset out of range " + c[0] : null, s.error);
                assertEquals(0x24210000L | c[0] & 0xffff, s.value);
            }
            RelocSite call = new RelocSite();
            call.type = dev.golink.goobj.RelocTypes.R_CALL;
            org.junit.jupiter.api.Assertions.assertFalse(m.archreloc(call), "a generic kind");
        }
    }
}
