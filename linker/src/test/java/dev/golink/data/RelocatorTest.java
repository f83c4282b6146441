package dev.golink.data;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.RelocSite;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.Section;
import dev.golink.sym.Segments;
import dev.golink.sym.SymKind;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic relocations, in both byte orders, and the hand-off to a backend. */
class RelocatorTest {

    private static final int R_ADDR = 1;
    private static final int R_ADDROFF = 5;
    private static final int R_SIZE = 6;
    private static final int R_CALL = 7;
    private static final int R_PCREL = 14;
    private static final int R_CUSTOM = 200;
    /** A backend kind whose value is out of the backend's range. */
    private static final int R_CUSTOM_FAR = 201;
    /** A backend kind that goes through a relocation variant, which finds it wrong. */
    private static final int R_CUSTOM_VARIANT = 202;

    private static Arch arch(ByteOrder order) {
        ArchInfo info = new ArchInfo("test", order, 8, 8, 1, 16, 1, 32, new byte[] {0}, 1, null, 0, 0, ".rela");
        return new Arch() {
            @Override
            public ArchInfo info() {
                return info;
            }

            @Override
            public boolean archreloc(RelocSite site) {
                switch (site.type) {
                    case R_CUSTOM -> site.value = site.value + site.targetAddr; // adds to what the field held
                    case R_CUSTOM_FAR -> {
                        site.value = 0x77;
                        site.error = "custom target too far";
                    }
                    case R_CUSTOM_VARIANT -> site.value = 0x66;
                    default -> {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public int implicitRelocVariant(int type) {
                return type == R_CUSTOM_VARIANT ? Arch.RV_POWER_LO : Arch.RV_NONE;
            }

            @Override
            public long archrelocvariant(RelocSite site, int variant, long value, byte[] p) {
                site.error = "variant " + variant + " of " + value;
                return value + 1;
            }
        };
    }

    private record Fixture(Loader ldr, Segments segs, int from, int to) {
    }

    private static Fixture fixture(ByteOrder order) {
        Loader ldr = new Loader(true, new dev.golink.Diagnostics());
        ldr.setArch(8, order);
        Segments segs = new Segments(8);
        Section text = segs.addSection(segs.text, ".text", 5);
        text.vaddr = 0x401000;
        Section data = segs.addSection(segs.data, ".data", 6);
        data.vaddr = 0x500000;
        SymbolBuilder to = ldr.createSymForUpdate("target", 0);
        to.setType(SymKind.SDATA);
        to.setSize(24);
        ldr.setSymSect(to.sym(), data.index);
        ldr.setSymValue(to.sym(), 0x500040);
        SymbolBuilder from = ldr.createSymForUpdate("from", 0);
        from.setType(SymKind.STEXT);
        from.setData(new byte[40]);
        from.setSize(40);
        ldr.setSymSect(from.sym(), text.index);
        ldr.setSymValue(from.sym(), 0x401100);
        from.addRel(R_ADDR, 0, 8, to.sym(), 8);
        from.addRel(R_PCREL, 8, 4, to.sym(), 0);
        from.addRel(R_ADDROFF, 12, 4, to.sym(), 2);
        from.addRel(R_SIZE, 16, 4, to.sym(), 1);
        from.addRel(R_CALL, 20, 4, to.sym(), -4);
        from.addRel(R_CUSTOM, 24, 8, to.sym(), 0);
        return new Fixture(ldr, segs, from.sym(), to.sym());
    }

    private static ByteBuffer apply(ByteOrder order, dev.golink.Diagnostics diag) {
        Fixture f = fixture(order);
        byte[] buf = new byte[48];
        ByteBuffer.wrap(buf).order(order).putLong(4 + 24, 0x10); // the custom field's current content
        new Relocator(f.ldr(), arch(order), f.segs(), 0, diag).relocsym(f.from(), buf, 4, 40);
        return ByteBuffer.wrap(buf, 4, 40).slice().order(order);
    }

    @Test
    void genericRelocationsInBothByteOrders() {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            dev.golink.Diagnostics diag = new dev.golink.Diagnostics();
            ByteBuffer p = apply(order, diag);
            assertEquals(List.of(), diag.errors(), order.toString());
            assertEquals(0x500048, p.getLong(0), "R_ADDR: address + addend");
            assertEquals(0x500040 - (0x401100 + 8 + 4), p.getInt(8), "R_PCREL: from the end of the field");
            assertEquals(0x40 + 2, p.getInt(12), "R_ADDROFF: offset in the target's section");
            assertEquals(24 + 1, p.getInt(16), "R_SIZE");
            assertEquals(0x500040 - 4 - (0x401100 + 20 + 4), p.getInt(20), "R_CALL");
            assertEquals(0x10 + 0x500040, p.getLong(24), "backend relocation sees the field's content");
        }
    }

    @Test
    void outOfRangeAndUnknownRelocationsAreErrors() {
        Fixture f = fixture(ByteOrder.LITTLE_ENDIAN);
        SymbolBuilder from = f.ldr().makeSymbolUpdater(f.from());
        from.addRel(R_ADDR, 36, 8, f.to(), 0); // past the 40 bytes
        from.addRel(199, 0, 4, f.to(), 0); // no one knows this type
        dev.golink.Diagnostics diag = new dev.golink.Diagnostics();
        new Relocator(f.ldr(), arch(ByteOrder.LITTLE_ENDIAN), f.segs(), 0, diag).relocsym(f.from(), new byte[40], 0, 40);
        List<String> errors = diag.errors();
        assertEquals(2, errors.size(), errors.toString());
        // Each names the target, as cmd/link's does.
        assertTrue(errors.get(0).endsWith(": invalid relocation target: 36+8 not in [0,40)"), errors.get(0));
        assertTrue(errors.get(1).endsWith(": unknown reloc to target: 199 (RelocType(199))"), errors.get(1));
    }

    /**
     * Values past their field, each in relocsym's words: a 2-byte field, a 4-byte pc-relative one
     * and a 4-byte offset past 4 GiB; and a backend's kind in a field of no size it writes.
     */
    @Test
    void valuesPastTheirFieldAndABackendKindOfNoSize() {
        Fixture f = fixture(ByteOrder.LITTLE_ENDIAN);
        SymbolBuilder from = f.ldr().makeSymbolUpdater(f.from());
        from.addRel(R_ADDR, 32, 2, f.to(), 0x12345 - 0x500040);
        from.addRel(R_PCREL, 36, 4, f.to(), 1L << 33);
        from.addRel(R_ADDROFF, 36, 4, f.to(), 1L << 33);
        from.addRel(R_CUSTOM, 32, 3, f.to(), 0);
        dev.golink.Diagnostics diag = new dev.golink.Diagnostics();
        new Relocator(f.ldr(), arch(ByteOrder.LITTLE_ENDIAN), f.segs(), 0, diag)
                .relocsym(f.from(), new byte[40], 0, 40);
        List<String> errors = diag.errors();
        assertEquals(4, errors.size(), errors.toString());
        assertTrue(errors.get(0).endsWith(": relocation address for target is too big: 0x12345"), errors.toString());
        long pcrel = 0x500040 + (1L << 33) - (0x401100 + 36 + 4);
        assertTrue(errors.get(1).endsWith(": pc-relative relocation address for target is too big: "
                + Relocator.goHex(pcrel)), errors.toString());
        assertTrue(errors.get(2).endsWith(": non-pc-relative relocation address for target is too big: 0x200000040"),
                errors.toString());
        assertTrue(errors.get(3).endsWith(": bad reloc size 0x3 for target"), errors.toString());
    }

    @Test
    void messagesPrintNumbersAsCmdLinkDoes() {
        Fixture f = fixture(ByteOrder.LITTLE_ENDIAN);
        SymbolBuilder from = f.ldr().makeSymbolUpdater(f.from());
        from.addRel(R_ADDR, 0, 3, f.to(), 0); // no such size
        from.addRel(199, 8, 4, f.to(), 0);
        dev.golink.Diagnostics diag = new dev.golink.Diagnostics();
        new Relocator(f.ldr(), arch(ByteOrder.LITTLE_ENDIAN), f.segs(), 0, diag).relocsym(f.from(), new byte[40], 0, 40);
        List<String> errors = diag.errors();
        assertTrue(errors.get(0).endsWith(": bad reloc size 0x3 for " + f.ldr().symName(f.to())), errors.toString());
        assertTrue(errors.get(1).endsWith(": 199 (RelocType(199))"), errors.toString());
        // %#x of a signed value in Go.
        assertEquals("-0xacfffffff26d00", Relocator.goHex(-0xacfffffff26d00L));
        assertEquals("0x0", Relocator.goHex(0L));
        assertEquals("-0x8000000000000000", Relocator.goHex(Long.MIN_VALUE));
    }

    /**
     * What no golden link meets: a backend's error and a variant's reported (the field still written, as
     * cmd/link's ldr.Errorf goes on), a 2-byte field, and a 4-byte absolute address past 2 GiB on a 64-bit
     * target (relocsym's message, with the address and addend in Go's %#x).
     */
    @Test
    void backendErrorsShortFieldsAndHighAddresses() {
        Fixture f = fixture(ByteOrder.LITTLE_ENDIAN);
        SymbolBuilder from = f.ldr().makeSymbolUpdater(f.from());
        from.addRel(R_CUSTOM_FAR, 32, 1, f.to(), 0);
        from.addRel(R_CUSTOM_VARIANT, 33, 1, f.to(), 0);
        from.addRel(R_ADDR, 34, 2, f.to(), 0x1234 - 0x500040);
        from.addRel(R_ADDR, 36, 4, f.to(), 0x7fff0000L);
        dev.golink.Diagnostics diag = new dev.golink.Diagnostics();
        byte[] p = new byte[40];
        new Relocator(f.ldr(), arch(ByteOrder.LITTLE_ENDIAN), f.segs(), 0, diag).relocsym(f.from(), p, 0, 40);
        List<String> errors = diag.errors();
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).endsWith(": custom target too far"), errors.toString());
        assertTrue(errors.get(1).endsWith(": variant 1 of 102"), errors.toString());
        assertTrue(errors.get(2).endsWith(": non-pc-relative relocation address for target is too big: 0x804f0040 "
                + "(0x500040 + 0x7fff0000)"), errors.toString());
        assertEquals(0x77, p[32]);
        assertEquals(0x67, p[33], "the variant's value is written");
        assertEquals(0x1234, ByteBuffer.wrap(p, 34, 2).order(ByteOrder.LITTLE_ENDIAN).getShort());
    }
}
