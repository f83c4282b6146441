package dev.golink.arch.s390x;

import dev.golink.arch.Arch;
import dev.golink.arch.RelocOracle;
import dev.golink.arch.RelocSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static dev.golink.goobj.RelocTypes.R_CALL;
import static dev.golink.goobj.RelocTypes.R_PCREL;
import static dev.golink.goobj.RelocTypes.R_PCRELDBL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The s390x backend: R_PCRELDBL through archreloc, and R_CALL as the generic
 * code computes it then halved through the implicit RV_390_DBL variant.
 */
class S390xTest {

    @TempDir
    static Path work;

    @ParameterizedTest
    @ValueSource(strings = {"hello", "asm"})
    void relocationsMatchCmdLink(String program) throws Exception {
        RelocOracle.Result r = RelocOracle.check("s390x", program, work, 4000);
        // Every R_CALL went through archrelocvariant: a wrong variant would not match.
        org.junit.jupiter.api.Assertions.assertTrue(r.generic.checked("R_CALL") > 9000, r.report());
    }

    /** An R_PCRELDBL in the 4 bytes at offset 2 of a symbol at {@code symAddr}, to {@code targetAddr}. */
    static RelocSite pcreldbl(long symAddr, long targetAddr) {
        RelocSite s = new RelocSite();
        s.type = R_PCRELDBL;
        s.siz = 4;
        s.symAddr = symAddr;
        s.off = 2;
        s.targetAddr = targetAddr;
        return s;
    }

    @Test
    void pcreldblCountsHalfwords() {
        S390x a = new S390x();
        RelocSite s = pcreldbl(0x11000, 0x12000);
        s.add = 2; // the compiler's correction from the field to the instruction start
        a.archreloc(s);
        assertNull(s.error);
        assertEquals((0x12000 + 2 - (0x11000 + 2 + 4)) >> 1, s.value);
        s.targetAddr = 0x12001;
        a.archreloc(s);
        assertNotNull(s.error, "odd distance");
        assertEquals(Arch.RV_390_DBL, a.implicitRelocVariant(R_CALL));
        assertEquals(Arch.RV_NONE, a.implicitRelocVariant(R_PCREL));
        assertEquals(Arch.RV_NONE, a.implicitRelocVariant(R_PCRELDBL));
        s.type = R_CALL;
        assertFalse(a.archreloc(s));
        assertEquals(-8 + 3, a.tlsLE(withAdd(3)));
    }

    static RelocSite withAdd(long add) {
        RelocSite s = new RelocSite();
        s.add = add;
        return s;
    }

    /**
     * cmd/link's messages for an odd distance (ldr.Errorf with the target's name and address) and for a distance
     * past 4 GiB (relocsym's check of a 4-byte PC-relative field, Go's %#x), which no golden program reaches.
     */
    @Test
    void errorsInCmdLinksWords() {
        S390x a = new S390x();
        RelocSite s = pcreldbl(0x200000000L + 0x11000, 0x12000);
        s.add = 2;
        s.target = 7;
        s.names = n -> n == 7 ? "main.x" : "main.f";
        a.archreloc(s);
        assertEquals("pc-relative relocation address for main.x is too big: -0xfffff802", s.error);
        assertEquals(-0xfffff802L, s.value);
        s.error = null;
        s.symAddr = 0x11000;
        s.targetAddr = 0x12001;
        a.archreloc(s);
        assertEquals("main.x+73729 is not 2-byte aligned", s.error);
        s.error = null;
        assertEquals(5, a.archrelocvariant(s, Arch.RV_NONE, 5, null));
        assertNull(s.error);
        assertEquals(5, a.archrelocvariant(s, Arch.RV_POWER_LO, 5, null));
        assertEquals("unexpected relocation variant 1", s.error);
    }
}
