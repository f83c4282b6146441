package dev.golink.wasm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WasmWriterTest {

    private static byte[] bytes(int... b) {
        byte[] a = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            a[i] = (byte) b[i];
        }
        return a;
    }

    private static byte[] uleb(long v) {
        WasmWriter w = new WasmWriter();
        w.writeUleb128(v);
        return w.toByteArray();
    }

    private static byte[] sleb(long v) {
        WasmWriter w = new WasmWriter();
        w.writeSleb128(v);
        return w.toByteArray();
    }

    @Test
    void unsignedLeb128() {
        assertArrayEquals(bytes(0), uleb(0));
        assertArrayEquals(bytes(0x7f), uleb(127));
        assertArrayEquals(bytes(0x80, 0x01), uleb(128));
        assertArrayEquals(bytes(0xe5, 0x8e, 0x26), uleb(624485));
        // Unsigned: the top bit of a long is a value bit, not a sign.
        assertArrayEquals(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), uleb(-1L));
    }

    @Test
    void signedLeb128() {
        assertArrayEquals(bytes(0), sleb(0));
        assertArrayEquals(bytes(0x3f), sleb(63));
        assertArrayEquals(bytes(0xc0, 0x00), sleb(64)); // bit 6 would read as a sign
        assertArrayEquals(bytes(0x7f), sleb(-1));
        assertArrayEquals(bytes(0x40), sleb(-64));
        assertArrayEquals(bytes(0xbf, 0x7f), sleb(-65));
        assertArrayEquals(bytes(0xc0, 0xbb, 0x78), sleb(-123456));
        // A function address: PC_F 0x1015 in the upper bits.
        assertArrayEquals(bytes(0x80, 0x80, 0xd4, 0x80, 0x01), sleb(0x1015L << 16));
    }

    @Test
    void sectionSizeIsFiveBytesPatchedAfterwards() {
        WasmWriter w = new WasmWriter(16);
        int size = w.writeSecHeader(7);
        w.write(new byte[200]); // grows the buffer past its first capacity
        w.writeSecSize(size);
        byte[] b = w.toByteArray();
        assertArrayEquals(bytes(7, 0xc8, 0x81, 0x80, 0x80, 0x00), java.util.Arrays.copyOf(b, 6));
    }

    @Test
    void fixedLengthRefusesValuesThatDoNotFit() {
        WasmWriter w = new WasmWriter();
        w.write(new byte[1]);
        assertThrows(IllegalArgumentException.class, () -> w.putUleb128FixedLength(0, 128, 1));
    }

    @Test
    void namesAndConstants() {
        WasmWriter w = new WasmWriter();
        w.writeName("go");
        w.writeI32Const(0x1000);
        w.writeI64Const(-1);
        assertArrayEquals(bytes(2, 'g', 'o', 0x41, 0x80, 0x20, 0x42, 0x7f), w.toByteArray());
    }
}
