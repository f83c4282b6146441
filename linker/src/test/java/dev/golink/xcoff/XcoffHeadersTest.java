package dev.golink.xcoff;

import dev.golink.outbuf.OutView;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The XCOFF headers, DWARF section names and loader section pieces, against the format's layout. */
class XcoffHeadersTest {

    @Test
    void headersAreTheFileTheAuxiliaryAndTheSectionHeaders() {
        XcoffHeaders f = new XcoffHeaders();
        f.addSection(".text", 0x100000740L, 0x1000, 0x740, XcoffConst.STYP_TEXT);
        f.addSection(".data", 0x200001740L, 0x200, 0x1740, XcoffConst.STYP_DATA);
        f.addSection(".bss", 0x200001940L, 0x300, 0, XcoffConst.STYP_BSS);
        f.entry = 0x200001800L;
        f.snEntry = f.scnum(".data");
        byte[] b = new byte[24 + 120 + 3 * 72];
        f.write(OutView.over(b, ByteOrder.BIG_ENDIAN, 0, b.length), 0x5000, 42);
        ByteBuffer h = ByteBuffer.wrap(b);
        assertEquals(0767, h.getShort(0), "U64_TOCMAGIC");
        assertEquals(3, h.getShort(2));
        assertEquals(0x5000, h.getLong(8), "symbol table offset");
        assertEquals(120, h.getShort(16), "auxiliary header size");
        assertEquals(XcoffConst.F_EXEC, h.getShort(18));
        assertEquals(42, h.getInt(20));
        assertEquals(0x10b, h.getShort(24));
        assertEquals(1, h.getShort(26));
        assertEquals(2, h.getShort(24 + 32), "entry in .data");
        assertEquals(6, h.getShort(24 + 44), "64-byte text alignment");
        assertEquals("1L", new String(b, 24 + 48, 2, StandardCharsets.US_ASCII));
        assertEquals(0x200001800L, h.getLong(24 + 80), "entry point");
        int sh = 24 + 120 + 72;
        assertEquals(".data", new String(b, sh, 5, StandardCharsets.US_ASCII));
        assertEquals(0x200001740L, h.getLong(sh + 8), "physical address, the virtual one");
        assertEquals(0x1740, h.getLong(sh + 32));
        assertEquals(XcoffConst.STYP_DATA, h.getInt(sh + 64));
    }

    @Test
    void dwarfSectionsTakeXcoffNamesAndSubtypes() {
        assertEquals(new XcoffConst.DwarfName(".dwinfo", 0x10000), XcoffConst.dwarfName(".debug_info"));
        assertEquals(new XcoffConst.DwarfName(".dwrnges", 0x80000), XcoffConst.dwarfName(".debug_ranges"));
        assertThrows(IllegalStateException.class, () -> XcoffConst.dwarfName(".zdebug_info"));
    }

    @Test
    void importFilesSplitIntoPathBaseAndMember() {
        assertArrayEquals(new String[] {"", "libc.a", "shr_64.o"}, XcoffLoaderSection.importFile("libc.a/shr_64.o"));
        assertArrayEquals(new String[] {"/usr/lib", "libpthread.a", "shr_xpg5_64.o"},
                XcoffLoaderSection.importFile("/usr/lib/libpthread.a/shr_xpg5_64.o"));
    }

    @Test
    void loaderRelocationsSortBySymbolThenOffset() {
        List<XcoffLoaderSection.Reloc> r = new ArrayList<>(List.of(
                new XcoffLoaderSection.Reloc(9, 0, 0x3f00, 1),
                new XcoffLoaderSection.Reloc(5, 16, 0x3f00, 2),
                new XcoffLoaderSection.Reloc(5, 8, 0x3f00, 0)));
        r.sort(null);
        assertEquals(List.of(new XcoffLoaderSection.Reloc(5, 8, 0x3f00, 0), new XcoffLoaderSection.Reloc(5, 16, 0x3f00, 2),
                new XcoffLoaderSection.Reloc(9, 0, 0x3f00, 1)), r);
    }
}
