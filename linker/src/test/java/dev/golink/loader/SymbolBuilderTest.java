package dev.golink.loader;

import dev.golink.GoldenInputs;
import dev.golink.LinkContext;
import dev.golink.Target;
import dev.golink.TestLinks;
import dev.golink.goobj.RelocTypes;
import dev.golink.sym.SymKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Making and changing symbols (cf. loader.SymbolBuilder), as cmd/link's phases use it. */
class SymbolBuilderTest {

    @TempDir
    static Path work;

    private static byte[] bytes(Loader ldr, int s) {
        ByteBuffer d = ldr.data(s);
        byte[] b = new byte[d.remaining()];
        d.get(0, b);
        return b;
    }

    @Test
    void addAndSetFollowCmdLink() {
        Loader ldr = new Loader(true, new dev.golink.Diagnostics());
        ldr.setArch(4, ByteOrder.BIG_ENDIAN);
        SymbolBuilder b = ldr.createSymForUpdate("x", 0);
        assertTrue(ldr.attrReachable(b.sym()));
        assertEquals(b.sym(), ldr.lookup("x", 0));
        assertEquals(SymKind.SXXX, b.type());
        b.addUint8(1);
        assertEquals(SymKind.SDATA, b.type(), "writing makes a kindless symbol data");
        b.addUint16(0x0203);
        b.addUint(0x04050607L); // pointer-sized: 4 bytes here
        assertEquals(7, b.size());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7}, bytes(ldr, b.sym()));

        // Set beyond the end grows data and size; the gap is zeros.
        b.setUint32(12, 0x08090a0bL);
        assertEquals(16, b.size());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 0, 8, 9, 10, 11}, bytes(ldr, b.sym()));

        // A pointer to another symbol: a relocation, no bytes written.
        int t = ldr.lookupOrCreateSym("target", 0);
        long end = b.addAddrPlus(t, 5);
        assertEquals(20, end);
        Relocs rs = ldr.relocs().reset(b.sym());
        assertEquals(1, rs.count());
        assertEquals(RelocTypes.R_ADDR, rs.type(0));
        assertEquals(16, rs.off(0));
        assertEquals(4, rs.siz(0));
        assertEquals(t, rs.sym(0));
        assertEquals(5, rs.add(0));

        // Setting the size does not touch the data; setData does not touch the size.
        b.setSize(100);
        assertEquals(20, ldr.dataSize(b.sym()));
        b.setData(new byte[3]);
        assertEquals(100, ldr.symSize(b.sym()));
        assertEquals(3, ldr.dataSize(b.sym()));

        SymbolBuilder s = ldr.createSymForUpdate("str", 0);
        assertEquals(0, s.addCString("ab".getBytes()));
        assertEquals(SymKind.SNOPTRDATA, s.type());
        assertArrayEquals(new byte[] {'a', 'b', 0}, bytes(ldr, s.sym()));

        int anon = ldr.createExtSym("", 0);
        assertNotEquals(0, anon);
        assertEquals(0, ldr.lookup("", 0), "anonymous symbols are not found by name");
    }

    @Test
    void changingAnObjectSymbolKeepsItsContent() throws Exception {
        Target amd64 = new Target("linux", "amd64");
        Path inputs = GoldenInputs.unpack(amd64, work);
        LinkContext ctxt = TestLinks.loaded(GoldenInputs.options(inputs, "features"));
        Loader ldr = ctxt.loader();
        ldr.setArch(8, ByteOrder.LITTLE_ENDIAN);
        int v = ldr.lookup("main.version", 0);
        assertFalse(ldr.isExternal(v));
        byte[] data = bytes(ldr, v);
        int kind = ldr.symType(v);
        long size = ldr.symSize(v);
        int goType = ldr.symGoType(v);
        Relocs before = ldr.relocs().reset(v);
        int n = before.count();
        int target = before.sym(0);
        String file = ldr.symFile(v);

        SymbolBuilder b = ldr.makeSymbolUpdater(v);
        assertTrue(ldr.isExternal(v), "now a linker symbol with the same index");
        assertEquals(v, ldr.lookup("main.version", 0));
        assertArrayEquals(data, bytes(ldr, v));
        assertEquals(kind, b.type());
        assertEquals(size, b.size());
        assertEquals(goType, ldr.symGoType(v), "aux symbols stay reachable through the original");
        assertEquals(file, ldr.symFile(v));
        Relocs after = ldr.relocs().reset(v);
        assertEquals(n, after.count());
        assertEquals(target, after.sym(0));
        assertEquals("main", ldr.symLib(v).pkg());
    }
}
