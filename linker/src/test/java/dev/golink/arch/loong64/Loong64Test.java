package dev.golink.arch.loong64;

import dev.golink.arch.RelocOracle;
import dev.golink.arch.RelocSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.golink.goobj.RelocTypes.R_ADDRLOONG64;
import static dev.golink.goobj.RelocTypes.R_ADDRLOONG64TLS;
import static dev.golink.goobj.RelocTypes.R_ADDRLOONG64TLSU;
import static dev.golink.goobj.RelocTypes.R_ADDRLOONG64U;
import static dev.golink.goobj.RelocTypes.R_CALL;
import static dev.golink.goobj.RelocTypes.R_CALLLOONG64;
import static dev.golink.goobj.RelocTypes.R_JMPLOONG64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loong64 backend: cmd/link's relocations of golden programs, and the encodings they rest on. */
class Loong64Test {

    @TempDir
    static Path work;

    @Test
    void relocationsMatchCmdLink() throws Exception {
        RelocOracle.Result r = RelocOracle.check("loong64", "features", work, 10000);
        assertTrue(r.backend.checked("R_ADDRLOONG64") > 100, r.report());
        assertTrue(r.backend.checked("R_ADDRLOONG64U") > 100, r.report());
        assertTrue(r.backend.checked("R_CALLLOONG64") > 1000, r.report());
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
    void pcaddu12iPairsRoundTheUpperHalfAndCountFromTheFirstWord() {
        Loong64 a = new Loong64();
        // PCADDU12I R4 at 0x10000, ADDI.D R4, R4 at 0x10004; 0x1800 ahead of the first
        // needs 2 pages up and -0x800 back.
        RelocSite s = site(R_ADDRLOONG64U, 0x10000, 0, 0x11800, 0x1c000004L);
        assertTrue(a.archreloc(s));
        assertNull(s.error);
        assertEquals(0x1c000044L, s.value);
        s = site(R_ADDRLOONG64, 0x10000, 4, 0x11800, 0x02c00084L);
        assertTrue(a.archreloc(s));
        assertEquals(0x02e00084L, s.value);
        // 0x7fc ahead: no page, +0x7fc.
        s = site(R_ADDRLOONG64U, 0x10000, 0, 0x107fc, 0x1c000004L);
        a.archreloc(s);
        assertEquals(0x1c000004L, s.value);
        s = site(R_ADDRLOONG64, 0x10000, 4, 0x107fc, 0x02c00084L);
        a.archreloc(s);
        assertEquals(0x02c00084L | 0x7fcL << 10, s.value);
    }

    @Test
    void tlsOffsetsSplitWithoutRounding() {
        Loong64 a = new Loong64();
        RelocSite s = site(R_ADDRLOONG64TLSU, 0x10000, 0, 0x1800, 0x14000004L); // LU12I.W R4
        a.archreloc(s);
        assertEquals(0x14000004L | 1L << 5, s.value);
        s = site(R_ADDRLOONG64TLS, 0x10000, 4, 0x1800, 0x03800084L); // ORI R4, R4
        a.archreloc(s);
        assertEquals(0x03800084L | 0x800L << 10, s.value);
        // The addend counts (cmd/link: the target's address plus the addend); the compiler's have none.
        s = site(R_ADDRLOONG64TLSU, 0x10000, 0, 0x1800, 0x14000004L);
        s.add = 0x1000;
        a.archreloc(s);
        assertEquals(0x14000004L | 2L << 5, s.value);
        s = site(R_ADDRLOONG64TLS, 0x10000, 4, 0x1800, 0x03800084L);
        s.add = 0x10;
        a.archreloc(s);
        assertEquals(0x03800084L | 0x810L << 10, s.value);
    }

    @Test
    void branchesSplitTheirWordOffset() {
        Loong64 a = new Loong64();
        RelocSite s = site(R_CALLLOONG64, 0x10000, 0, 0x50000, 0x54000000L); // BL 256 KiB ahead
        a.archreloc(s);
        assertEquals(0x54000001L, s.value);
        s = site(R_JMPLOONG64, 0x10004, 0, 0x10000, 0x50000000L); // B one word back
        a.archreloc(s);
        assertEquals(0x53ffffffL, s.value);
        assertFalse(a.archreloc(site(R_CALL, 0x10000, 0, 0x10000, 0)), "generic calls are the Relocator's");
        assertFalse(a.needsTrampolines());
    }
}
