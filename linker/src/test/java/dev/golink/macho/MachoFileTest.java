package dev.golink.macho;

import dev.golink.outbuf.OutBuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The header and load-command writer, checked field by field against the Mach-O layout. */
class MachoFileTest {

    @Test
    void stringsArePackedLittleEndianAndNulTerminated() {
        int[] words = new int[5];
        MachoFile.stringToWords(words, 1, "/usr/lib/dyld");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 1; i < 5; i++) {
            b.putInt(words[i]);
        }
        byte[] want = new byte[16];
        byte[] s = "/usr/lib/dyld".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, want, 0, s.length);
        assertArrayEquals(want, b.array());
        assertEquals(0, words[0]);
    }

    @Test
    void headerSegmentsThenCommands(@TempDir java.nio.file.Path dir) throws Exception {
        MachoFile f = new MachoFile();
        f.cpu = 0x1000007;
        f.subcpu = 3;
        MachoFile.Seg text = f.newSeg("__TEXT");
        text.vaddr = 0x1000000;
        text.vsize = 0x2000;
        text.filesize = 0x2000;
        text.prot1 = 7;
        text.prot2 = 5;
        MachoFile.Sect t = f.newSect(text, "__text", "__TEXT");
        t.addr = 0x1001000;
        t.size = 0x10;
        t.off = 0x1000;
        t.align = 5;
        t.flag = MachoFile.S_ATTR_PURE_INSTRUCTIONS | MachoFile.S_ATTR_SOME_INSTRUCTIONS;
        int[] lib = f.newLoad(MachoFile.LC_LOAD_DYLIB, 4 + ("/usr/lib/libSystem.B.dylib".length() + 1 + 7) / 8 * 2);
        lib[0] = 24;
        MachoFile.stringToWords(lib, 4, "/usr/lib/libSystem.B.dylib");

        byte[] bytes;
        int n;
        try (OutBuf out = OutBuf.create(dir.resolve("a.out"), ByteOrder.LITTLE_ENDIAN, false)) {
            out.mmap(0);
            n = f.write(out, MachoFile.MH_NOUNDEFS);
            bytes = new byte[(int) out.length()];
            out.read(0, bytes, 0, bytes.length);
            out.abort();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        // Header: magic, cpu, subcpu, MH_EXECUTE, ncmds, sizeofcmds, flags, reserved.
        assertEquals(MachoFile.MH_MAGIC_64, b.getInt(0));
        assertEquals(0x1000007, b.getInt(4));
        assertEquals(3, b.getInt(8));
        assertEquals(MachoFile.MH_EXECUTE, b.getInt(12));
        assertEquals(2, b.getInt(16));
        int segSize = 72 + 80;
        int libSize = 56; // as cmd/link writes libSystem's LC_LOAD_DYLIB
        assertEquals(segSize + libSize, b.getInt(20));
        assertEquals(MachoFile.MH_NOUNDEFS, b.getInt(24));
        assertEquals(32 + segSize + libSize, n);
        // The segment command, then its section.
        assertEquals(MachoFile.LC_SEGMENT_64, b.getInt(32));
        assertEquals(segSize, b.getInt(36));
        assertEquals("__TEXT", cstring(bytes, 40, 16));
        assertEquals(0x1000000L, b.getLong(56));
        assertEquals(7, b.getInt(88));
        assertEquals(5, b.getInt(92));
        assertEquals(1, b.getInt(96));
        int sect = 32 + 72;
        assertEquals("__text", cstring(bytes, sect, 16));
        assertEquals("__TEXT", cstring(bytes, sect + 16, 16));
        assertEquals(0x1001000L, b.getLong(sect + 32));
        assertEquals(0x1000, b.getInt(sect + 48));
        assertEquals(5, b.getInt(sect + 52));
        assertEquals(0x80000400, b.getInt(sect + 64));
        // The dylib command: type, size, name offset, then the name.
        int l = 32 + segSize;
        assertEquals(MachoFile.LC_LOAD_DYLIB, b.getInt(l));
        assertEquals(libSize, b.getInt(l + 4));
        assertEquals(24, b.getInt(l + 8));
        assertEquals("/usr/lib/libSystem.B.dylib", cstring(bytes, l + 24, libSize - 24));
    }

    @Test
    void ulebMatchesTheDwarfExample() {
        assertArrayEquals(new byte[] {(byte) 0xe5, (byte) 0x8e, 0x26}, MachoDyldInfo.uleb(624485));
        assertArrayEquals(new byte[] {0}, MachoDyldInfo.uleb(0));
        assertArrayEquals(new byte[] {(byte) 0x80, 0x01}, MachoDyldInfo.uleb(128));
    }

    private static String cstring(byte[] b, int off, int max) {
        int end = off;
        while (end < off + max && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }

    /** An entry point above 4 GiB (a -T text address there): the high word is the entry's (or its offset's) upper half. */
    @Test
    void anEntryAbove4GiBKeepsItsHighWord() {
        MachoFile f = new MachoFile();
        new MachoAmd64().entryCommand(f, 0x1_2345_6789L, 0);
        int[] thread = f.loads.get(0).data();
        assertEquals(MachoFile.LC_UNIXTHREAD, f.loads.get(0).type());
        assertEquals(0x2345_6789, thread[2 + 32]); // rip, low word
        assertEquals(1, thread[2 + 32 + 1]);
        new MachoArm64().entryCommand(f, 0x2_0000_1000L, 0x1000);
        int[] main = f.loads.get(1).data();
        assertEquals(MachoFile.LC_MAIN, f.loads.get(1).type());
        assertEquals(0, main[0]);
        assertEquals(2, main[1]);
    }
}
