package dev.golink.arch.ppc64;

import dev.golink.arch.Arch;
import dev.golink.arch.RelocOracle;
import dev.golink.arch.RelocSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static dev.golink.goobj.RelocTypes.R_ADDRPOWER;
import static dev.golink.goobj.RelocTypes.R_ADDRPOWER_DS;
import static dev.golink.goobj.RelocTypes.R_ADDRPOWER_PCREL;
import static dev.golink.goobj.RelocTypes.R_ADDRPOWER_TOCREL;
import static dev.golink.goobj.RelocTypes.R_CALLPOWER;
import static dev.golink.goobj.RelocTypes.R_POWER_TLS;
import static dev.golink.goobj.RelocTypes.R_POWER_TLS_IE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ppc64/ppc64le backend: cmd/link's relocations of the golden programs, and what they do not show. */
class Ppc64Test {

    @TempDir
    static Path work;

    @ParameterizedTest
    @ValueSource(strings = {"hello", "asm"})
    void relocationsMatchCmdLink(String program) throws Exception {
        RelocOracle.Result r = RelocOracle.check("ppc64", program, work, 10000);
        assertTrue(r.backend.checked("R_ADDRPOWER_DS") > 100 && r.backend.checked("R_POWER_TLS_LE") > 0, r.report());
    }

    static RelocSite site(int type, long symAddr, int off, long target, long add, long value) {
        RelocSite s = new RelocSite();
        s.type = type;
        s.siz = type == R_CALLPOWER || type == R_POWER_TLS ? 4 : 8;
        s.symAddr = symAddr;
        s.off = off;
        s.targetAddr = target;
        s.add = add;
        s.value = value;
        return s;
    }

    /** A TOC whose anchor is at 0x200010000 and whose entry 7 points at data symbol 0x200018010 (or at text). */
    private static RelocSite.Toc toc(boolean entryPointsAtData) {
        return new RelocSite.Toc() {
            public long anchor() {
                return 0x2_0001_0000L;
            }

            public long dataTarget(int entry) {
                return entryPointsAtData && entry == 7 ? 0x2_0001_8010L : -1;
            }

            public boolean isEntry(int s) {
                return s == 7;
            }
        };
    }

    @Test
    void aixLoadsThroughTheTocUnlessTheEntryPointsAtData() {
        Ppc64 aix = new Ppc64("ppc64", true);
        long addisLd = 0x3c620000L << 32 | 0xe8630000L; // addis r3, r2, 0; ld r3, 0(r3)
        RelocSite s = site(dev.golink.goobj.RelocTypes.R_ADDRPOWER_TOCREL_DS, 0x1_0000_1000L, 0, 0x2_0001_0020L, 0,
                addisLd);
        s.target = 7;
        s.toc = toc(false);
        aix.archreloc(s);
        assertNull(s.error);
        assertEquals(0x3c620000L << 32 | 0xe8630020L, s.value, "ld from the entry, 0x20 past the anchor");

        s = site(dev.golink.goobj.RelocTypes.R_ADDRPOWER_TOCREL_DS, 0x1_0000_1000L, 0, 0x2_0001_0020L, 0, addisLd);
        s.target = 7;
        s.toc = toc(true);
        aix.archreloc(s);
        assertNull(s.error);
        // 0x8010 past the anchor: high-adjusted 1, low 0x8010; ld r3 becomes addi r3, r3.
        assertEquals((0x3c620000L | 1) << 32 | (0x38630000L | 0x8010), s.value);
    }

    @Test
    void aixThreadPointerIs0x7800PastTheTlsBlock() {
        RelocSite s = site(dev.golink.goobj.RelocTypes.R_POWER_TLS_LE, 0x1_0000_1000L, 0, 0x10, 0,
                0x3c6d0000L << 32 | 0x38630000L);
        new Ppc64("ppc64", true).archreloc(s);
        long v = 0x10 - 0x7800;
        assertEquals((0x3c6d0000L | ((v + 0x8000) >> 16 & 0xffff)) << 32 | 0x38630000L | (v & 0xffff), s.value);
    }

    @Test
    void errorsInCmdLinksWords() {
        Ppc64 be = new Ppc64("ppc64");
        java.util.function.IntFunction<String> names = n -> n == 1 ? "main.f" : "main.g";
        RelocSite s = site(R_CALLPOWER, 0x10000, 4, 0x10002, 0, 0x48000001L);
        s.sym = 1;
        s.target = 2;
        s.names = names;
        be.archreloc(s);
        assertEquals("relocation for main.g+4 is not aligned: -2", s.error);
        s = site(R_CALLPOWER, 0x10000, 4, 0x10000 + (1L << 26), 0, 0x48000001L);
        s.sym = 1;
        s.target = 2;
        s.names = names;
        be.archreloc(s);
        assertEquals("direct call too far: main.g 3fffffc", s.error);
        s = site(R_ADDRPOWER_DS, 0x10000, 0, 0x20002, 0, 0);
        s.sym = 1;
        s.target = 2;
        s.names = names;
        be.archreloc(s);
        assertEquals("bad DS reloc for main.f: 131074", s.error);
        s = site(R_ADDRPOWER, 0x10000, 0, 1L << 31, 0, 0);
        s.sym = 1;
        s.target = 2;
        s.names = names;
        be.archreloc(s);
        assertEquals("relocation for main.f is too big (>=2G): 0x80000000", s.error);
    }

    @Test
    void littleEndianPutsTheFirstInstructionLow() {
        Ppc64 le = new Ppc64("ppc64le");
        assertEquals(2, le.info().elfFlags(), "ELFv2");
        RelocSite s = site(R_ADDRPOWER, 0x11000, 0, 0x1234_8000L, 0, 0x38630000L << 32 | 0x3c600000L);
        le.archreloc(s);
        assertEquals((0x38630000L | 0x8000) << 32 | 0x3c600000L | 0x1235, s.value);
        Ppc64 be = new Ppc64("ppc64");
        s = site(R_ADDRPOWER, 0x11000, 0, 0x1234_8000L, 0, 0x3c600000L << 32 | 0x38630000L);
        be.archreloc(s);
        assertEquals((0x3c600000L | 0x1235) << 32 | 0x38630000L | 0x8000, s.value);
    }

    @Test
    void pcrelAndMisuseAreHandled() {
        Ppc64 be = new Ppc64("ppc64");
        RelocSite s = site(R_ADDRPOWER_PCREL, 0x10000, 0, 0x28000, 0, 0);
        be.archreloc(s);
        assertEquals(2L << 32 | 0x8000, s.value);
        s = site(R_ADDRPOWER_DS, 0x10000, 0, 0x28002, 0, 0);
        be.archreloc(s);
        assertNotNull(s.error, "DS form needs a multiple of 4");
        s = site(R_CALLPOWER, 0x10000, 0, 0x10000 + (1L << 25), 0, 0x48000001L);
        be.archreloc(s);
        assertNotNull(s.error, "B/BL reach 32 MiB");
        s = site(R_CALLPOWER, 0x10000, 4, 0x10000 - 0x100, 0, 0x48000001L);
        be.archreloc(s);
        assertNull(s.error);
        assertEquals(0x48000001L | (-0x104 & 0x03fffffcL), s.value);
        s = site(R_POWER_TLS, 0x10000, 0, 0, 0, 0x7c636a14L); // ADD R3, R3, R13
        be.archreloc(s);
        assertNull(s.error);
        s = site(R_POWER_TLS, 0x10000, 0, 0, 0, 0x7c636214L); // ADD R3, R3, R12
        be.archreloc(s);
        assertNotNull(s.error);
        s = site(R_ADDRPOWER_TOCREL, 0x10000, 0, 0x20000, 0, 0);
        assertTrue(be.archreloc(s));
        assertNotNull(s.error, "not possible in a static executable");
        RelocSite ie = site(R_POWER_TLS_IE, 0x10000, 0, 0x20000, 0, 0);
        org.junit.jupiter.api.Assertions.assertThrows(dev.golink.LogFatalException.Unchecked.class,
                () -> be.archreloc(ie), "cmd/link's log.Fatalf");
    }

    @Test
    void variantsOfHostRelocations() {
        Ppc64 be = new Ppc64("ppc64");
        RelocSite s = site(R_ADDRPOWER, 0, 2, 0, 0, 0);
        byte[] ori = {0x60, 0x63, 0, 0}; // ORI R3, R3, 0: an unsigned immediate
        assertEquals(0x1234, be.archrelocvariant(s, Arch.RV_POWER_LO | Arch.RV_CHECK_OVERFLOW, 0x1234, ori));
        assertNull(s.error);
        be.archrelocvariant(s, Arch.RV_POWER_LO | Arch.RV_CHECK_OVERFLOW, 0x12345, ori);
        assertNotNull(s.error);
        s.error = null;
        assertEquals(2, be.archrelocvariant(s, Arch.RV_POWER_HA, 0x18000, ori));
        assertEquals(1, be.archrelocvariant(s, Arch.RV_POWER_HI, 0x18000, ori));
        byte[] ld = {(byte) 0xe8, 0x63, 0, 0}; // LD R3, 0(R3): the field is its low halfword, at offset 2
        assertEquals(0x10, be.archrelocvariant(s, Arch.RV_POWER_DS, 0x10, ld));
        assertNull(s.error);
        byte[] lwa = {(byte) 0xe8, 0x63, 0, 2}; // LWA keeps its sub-opcode in the low two bits
        assertEquals(0x12, be.archrelocvariant(s, Arch.RV_POWER_DS, 0x10, lwa));
    }

    @Test
    void trampolinesMatchCmdLinkWithDebugtramp() throws Exception {
        dev.golink.arch.TrampolineOracle.check("ppc64", R_CALLPOWER, work);
    }

    @Test
    void trampolineNamesCarryTheAddendInHex() {
        Ppc64 be = new Ppc64("ppc64");
        assertEquals("runtime.duffzero+100-tramp0", be.trampolineName("runtime.duffzero",
                site(R_CALLPOWER, 0, 0, 0, 0x100, 0), 0));
        assertEquals("runtime.morestack-tramp2", be.trampolineName("runtime.morestack",
                site(R_CALLPOWER, 0, 0, 0, 0, 0), 2));
        // A placed target is resolved in place; an unplaced one leaves an R_ADDRPOWER.
        assertEquals(0, be.gentramp(site(R_CALLPOWER, 0, 0, 0x12345678, 0, 0)).relocType());
        assertEquals(R_ADDRPOWER, be.gentramp(site(R_CALLPOWER, 0, 0, 0, 8, 0)).relocType());
    }

    @Test
    void trampolinesAreNeeded() {
        Ppc64 be = new Ppc64("ppc64");
        assertTrue(be.needsTrampolines());
        assertEquals(0x1c00000, be.trampLimit());
        assertEquals(R_CALLPOWER, be.trampolineCallType());
        assertNotNull(be.trampolineRefusal("runtime.elf_savegpr0"));
        assertNull(be.trampolineRefusal("runtime.morestack"));
    }

    // Host objects' relocation variants (cmd/link's ppc64 archrelocvariant): no golden program has a host
    // object, so these pin cmd/link's rules for both byte orders, with and without the overflow check.

    private static String variantError(Ppc64 arch, int variant, long t, byte[] p, int off) {
        RelocSite s = site(R_ADDRPOWER, 0, off, 0, 0, 0);
        s.names = n -> "main.x";
        arch.archrelocvariant(s, variant, t, p);
        return s.error;
    }

    @Test
    void loVariantChecksTheImmediatesSignedness() {
        Ppc64 be = new Ppc64("ppc64");
        byte[] ori = {0x60, 0x63, 0, 0};
        byte[] addi = {0x38, 0x63, 0, 0}; // ADDI R3, R3, 0: a signed immediate
        RelocSite s = site(R_ADDRPOWER, 0, 2, 0, 0, 0);
        assertEquals(0x123456789L, be.archrelocvariant(s, Arch.RV_NONE, 0x123456789L, ori));
        assertEquals(0x2345, be.archrelocvariant(s, Arch.RV_POWER_LO, 0x12345, addi), "no check: the low half");
        assertNull(s.error);
        assertEquals(-0x8000, be.archrelocvariant(s, Arch.RV_POWER_LO | Arch.RV_CHECK_OVERFLOW, 0x8000, ori));
        assertNull(s.error, "ORI's immediate is unsigned");
        assertNull(variantError(be, Arch.RV_POWER_LO | Arch.RV_CHECK_OVERFLOW, 0x7fff, addi, 2));
        assertEquals("relocation for main.x+2 is too big: 32768",
                variantError(be, Arch.RV_POWER_LO | Arch.RV_CHECK_OVERFLOW, 0x8000, addi, 2));
        assertEquals(0x12345, be.archrelocvariant(s, Arch.RV_POWER_LO | Arch.RV_CHECK_OVERFLOW, 0x12345, ori),
                "an overflow returns the value unchanged");
        assertEquals("unexpected relocation variant 6", variantError(be, 6, 0, ori, 2));
        assertEquals(0x1234, be.archrelocvariant(s, 6, 0x1234, ori), "cmd/link falls through to RV_NONE");
        // Little-endian: the field is the instruction's first two bytes.
        Ppc64 le = new Ppc64("ppc64le");
        byte[] oriLe = {0, 0, 0x63, 0x60};
        byte[] addiLe = {0, 0, 0x63, 0x38};
        assertNull(variantError(le, Arch.RV_POWER_LO | Arch.RV_CHECK_OVERFLOW, 0xffff, oriLe, 0));
        assertEquals("relocation for main.x+0 is too big: 65535",
                variantError(le, Arch.RV_POWER_LO | Arch.RV_CHECK_OVERFLOW, 0xffff, addiLe, 0));
    }

    @Test
    void hiAndHaVariantsCheckTheHighHalf() {
        Ppc64 be = new Ppc64("ppc64");
        byte[] oris = {0x64, 0x63, 0, 0}; // ORIS: unsigned
        byte[] addis = {0x3c, 0x63, 0, 0}; // ADDIS: signed
        RelocSite s = site(R_ADDRPOWER, 0, 2, 0, 0, 0);
        s.names = n -> "main.x";
        assertEquals(-0x8000, be.archrelocvariant(s, Arch.RV_POWER_HA | Arch.RV_CHECK_OVERFLOW, 0x7fff8000L, oris));
        assertNull(s.error);
        assertEquals("relocation for main.x+2 is too big: 32768",
                variantError(be, Arch.RV_POWER_HA | Arch.RV_CHECK_OVERFLOW, 0x7fff8000L, addis, 2));
        assertNull(variantError(be, Arch.RV_POWER_HI | Arch.RV_CHECK_OVERFLOW, 0x7fff8000L, addis, 2));
        assertEquals(0x10000, be.archrelocvariant(s, Arch.RV_POWER_HI | Arch.RV_CHECK_OVERFLOW, 0x100000000L, oris));
        assertEquals("relocation for main.x+2 is too big: 65536", s.error);
        s.error = null;
        assertEquals(0, be.archrelocvariant(s, Arch.RV_POWER_HI, 0x100000000L, addis), "no check: the low 16 bits");
        assertNull(s.error);
    }

    @Test
    void dsVariantKeepsTheSubOpcodeInEitherByteOrder() {
        Ppc64 le = new Ppc64("ppc64le");
        byte[] lwaLe = {2, 0, 0x63, (byte) 0xe8}; // LWA R3, 0(R3), little-endian: the field is at offset 0
        RelocSite s = site(R_ADDRPOWER, 0, 0, 0, 0, 0);
        assertEquals(0x7ff2, le.archrelocvariant(s, Arch.RV_POWER_DS | Arch.RV_CHECK_OVERFLOW, 0x7ff0, lwaLe));
        assertNull(s.error);
        assertEquals("relocation for main.x+0 is not aligned: 6",
                variantError(le, Arch.RV_POWER_DS, 6, lwaLe, 0));
        assertEquals("relocation for main.x+0 is too big: 32768",
                variantError(le, Arch.RV_POWER_DS | Arch.RV_CHECK_OVERFLOW, 0x8000, lwaLe, 0));
        assertEquals(-0x7ffe, le.archrelocvariant(s, Arch.RV_POWER_DS, 0x8000, lwaLe), "no check: the low half");
        assertEquals(0x8000, le.archrelocvariant(s, Arch.RV_POWER_DS | Arch.RV_CHECK_OVERFLOW, 0x8000, lwaLe),
                "an overflow returns the value unchanged");
    }

    @Test
    void pcrelPairCountsTheAddendAndOffsetInEitherByteOrder() {
        // PLA-style pair at 0x10008 to 0x28000 + 0x10: ha = 2 (0x17ff8 + 0x8000 carries), lo = 0x8008.
        for (Ppc64 arch : new Ppc64[] {new Ppc64("ppc64"), new Ppc64("ppc64le")}) {
            RelocSite s = site(R_ADDRPOWER_PCREL, 0x10000, 8, 0x28000, 0x10, 0);
            arch.archreloc(s);
            long want = arch.info().bigEndian() ? 2L << 32 | 0x8008 : 0x8008L << 32 | 2;
            assertEquals(want, s.value, arch.info().goarch());
        }
    }

    @Test
    void callsAndTlsAddsAreCheckedInCmdLinksWords() {
        Ppc64 be = new Ppc64("ppc64");
        RelocSite s = site(R_CALLPOWER, 0x4000000, 0, 0x4000000 - (1L << 25) - 4, 0, 0x48000001L);
        s.names = n -> "main.f";
        be.archreloc(s);
        assertEquals("direct call too far: main.f -2000004", s.error, "Go's %x of a negative distance");
        s = site(R_POWER_TLS, 0x10000, 0, 0, 0, 0x7c6312aaL); // not an ADD
        be.archreloc(s);
        assertEquals("R_POWER_TLS reloc only supports XO form ADD, not 7C6312AA", s.error);
    }
}
