package dev.golink.pe;

import dev.golink.arch.Arches;
import dev.golink.arch.TargetSpec;
import dev.golink.Target;
import dev.golink.outbuf.OutView;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PeFileTest {

    @Test
    void headersReserveWhatCmdLinkReserves() {
        // 128-byte stub + 20-byte COFF header + optional header + 16 section headers, to 512 bytes.
        TargetSpec amd64 = Arches.spec(new Target("windows", "amd64"));
        assertEquals(0x600, amd64.headr());
        assertEquals(0x401000, amd64.textAddr());
        TargetSpec x86 = Arches.spec(new Target("windows", "386"));
        assertEquals(0x400, x86.headr());
        assertEquals(0x401000, x86.textAddr());
        assertEquals(0x100001000L, Arches.spec(new Target("windows", "arm64")).textAddr());
        assertThrows(IllegalStateException.class, TargetSpec.Container.PE::headr);
    }

    @Test
    void sectionsFollowEachOtherAtTheirAlignments() {
        PeFile f = new PeFile(true, 0x400000, 0x600);
        PeFile.Section text = f.addSection(".text", 0x1234, 0x1234);
        assertEquals(0x1000, text.virtualAddress);
        assertEquals(0x600, text.pointerToRawData);
        assertEquals(0x1400, text.sizeOfRawData);
        assertEquals(0x1234, text.virtualSize);
        // Data whose file part stops at its bss: memory rounds to pages, the file to 512 bytes.
        PeFile.Section data = f.addSection(".data", 0x3000, 0x100);
        assertEquals(0x3000, data.virtualAddress);
        assertEquals(0x1a00, data.pointerToRawData);
        assertEquals(0x200, data.sizeOfRawData);
        assertEquals(0x6000, f.nextSectOffset);
        assertEquals(0x1c00, f.nextFileOffset);
    }

    @Test
    void longNamesGoToTheStringTable() throws Exception {
        PeFile f = new PeFile(true, 0x400000, 0x600);
        PeFile.Section s = f.addDwarfSection(".zdebug_info", 100);
        assertEquals("/4", s.shortName); // offsets count the table's 4-byte length
        assertEquals(4 + ".zdebug_info".length() + 1, f.addString("x".getBytes(StandardCharsets.UTF_8)));
        assertThrows(dev.golink.LinkException.class, () -> f.addDwarfSection(".debug_empty", 0));
    }

    @Test
    void headersStartWithTheDosStubAndPointAtThePeSignature() {
        PeFile f = new PeFile(false, 0x400000, 0x400);
        f.textSect = f.addSection(".text", 0x100, 0x100);
        f.dataSect = f.addSection(".data", 0x100, 0x100);
        byte[] b = new byte[0x400];
        f.writeHeaders(OutView.over(b, ByteOrder.LITTLE_ENDIAN, 0, b.length), 0x14c, 0x401000, true, false, false);
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("MZ", new String(b, 0, 2, StandardCharsets.US_ASCII));
        assertEquals(0x80, h.getInt(0x3c));
        assertEquals("This program cannot be run in DOS mode.", new String(b, 0x4e, 39, StandardCharsets.US_ASCII));
        assertEquals(0x4550, h.getInt(0x80));
        assertEquals(0x14c, h.getShort(0x84));
        assertEquals(2, h.getShort(0x86));
        assertEquals(224, h.getShort(0x94));
        // EXECUTABLE_IMAGE | 32BIT_MACHINE | DEBUG_STRIPPED | RELOCS_STRIPPED
        assertEquals(0x303, h.getShort(0x96));
        assertEquals(0x10b, h.getShort(0x98));
        assertEquals(0x1000, h.getInt(0x98 + 16)); // entry RVA
        assertEquals(0x2000, h.getInt(0x98 + 24)); // BaseOfData
        assertEquals(".data", new String(b, 0x98 + 224 + 40, 5, StandardCharsets.US_ASCII));
    }
}
