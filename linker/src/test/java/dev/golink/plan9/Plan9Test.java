package dev.golink.plan9;

import dev.golink.GoldenInputs;
import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.arch.Arches;
import dev.golink.arch.TargetSpec;
import dev.golink.outbuf.OutView;
import dev.golink.sym.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Plan9Test {

    @Test
    void specsReserveWhatCmdLinksArchinitReserves() {
        TargetSpec amd64 = Arches.spec(new Target("plan9", "amd64"));
        assertEquals(40, amd64.headr());
        assertEquals(0x200028, amd64.textAddr());
        assertEquals(0x200000, amd64.round());
        for (String goarch : new String[] {"386", "arm"}) {
            TargetSpec s = Arches.spec(new Target("plan9", goarch));
            assertEquals(32, s.headr());
            assertEquals(0x1020, s.textAddr());
            assertEquals(0x1000, s.round());
        }
        assertEquals(0x8a97, amd64.backend(null).plan9Magic());
        assertEquals(0x1eb, Arches.spec(new Target("plan9", "386")).backend(null).plan9Magic());
        assertEquals(0x647, Arches.spec(new Target("plan9", "arm")).backend(null).plan9Magic());
        assertThrows(IllegalStateException.class, TargetSpec.Container.PLAN9::headr);
    }

    @Test
    void theHeaderGivesSizesAndEntryBigEndian() {
        Segment text = new Segment("text");
        text.filelen = 0x1000;
        Segment data = new Segment("data");
        data.filelen = 0x200;
        data.length = 0x300;
        byte[] b = new byte[40];
        Plan9Header.write(OutView.over(b, ByteOrder.LITTLE_ENDIAN, 0, b.length), 0x8a97, text, data, 77, 0x80201000L);
        ByteBuffer h = ByteBuffer.wrap(b); // big-endian whatever the target's order
        assertEquals(0x8a97, h.getInt(0));
        assertEquals(0x1000, h.getInt(4));
        assertEquals(0x200, h.getInt(8));
        assertEquals(0x100, h.getInt(12));
        assertEquals(77, h.getInt(16));
        assertEquals(0x201000, h.getInt(20)); // bit 31 dropped where the 64-bit entry follows
        assertEquals(0, h.getInt(24));
        assertEquals(0, h.getInt(28));
        assertEquals(0x80201000L, h.getLong(32));

        byte[] b32 = new byte[32];
        Plan9Header.write(OutView.over(b32, ByteOrder.LITTLE_ENDIAN, 0, b32.length), 0x1eb, text, data, 0, 0x80001020L);
        assertEquals(0x80001020, ByteBuffer.wrap(b32).getInt(20));
    }

    /** -8 (plan9/amd64 only) writes each address in 4 bytes: the table shrinks by 4 bytes an entry, nothing else moves. */
    @Test
    void flag8ShortensEachSymbolByFourBytes(@TempDir Path dir) throws Exception {
        Path inputs = GoldenInputs.unpack(new Target("plan9", "amd64"), dir);
        byte[] wide = link(inputs, dir.resolve("wide"));
        byte[] narrow = link(inputs, dir.resolve("narrow"), "-8");
        ByteBuffer w = ByteBuffer.wrap(wide);
        ByteBuffer n = ByteBuffer.wrap(narrow);
        long symo = 40 + Integer.toUnsignedLong(w.getInt(4)) + Integer.toUnsignedLong(w.getInt(8));
        int entries = 0;
        for (int p = (int) symo; p < wide.length; entries++) {
            p += 8 + 1; // address, type
            while (wide[p] != 0) {
                p++;
            }
            p++;
        }
        assertTrue(entries > 1000, entries + " symbols");
        assertEquals(w.getInt(16) - 4 * entries, n.getInt(16));
        assertEquals(wide.length - 4 * entries, narrow.length);
        byte[] head = java.util.Arrays.copyOf(narrow, (int) symo);
        ByteBuffer.wrap(head).putInt(16, w.getInt(16));
        assertTrue(java.util.Arrays.equals(head, java.util.Arrays.copyOf(wide, (int) symo)), "header and segments");
    }

    private static byte[] link(Path inputs, Path out, String... extra) throws Exception {
        LinkOptions o = GoldenInputs.options(inputs, "hello", extra);
        LinkOptions at = LinkOptions.builder(out, o.mainArchive(), o.config()).importcfg(o.importcfg())
                .buildMode(o.buildMode()).buildId(o.buildId()).workingDir(o.workingDir()).flag8(o.flag8()).build();
        new Linker(new PrintStream(new ByteArrayOutputStream())).link(at);
        return Files.readAllBytes(out);
    }
}
