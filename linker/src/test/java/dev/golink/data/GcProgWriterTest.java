package dev.golink.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** GC programs: literal runs, long scalar gaps as repeats, appended programs. */
class GcProgWriterTest {

    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void shortGapsAreLiteralBits() {
        GcProgWriter w = new GcProgWriter();
        w.ptr(0);
        w.ptr(2);
        w.zeroUntil(4);
        w.end();
        // 4 literal bits 1,0,1,0 then the end byte.
        assertArrayEquals(b(4, 0b0101, 0), w.bytes());
    }

    @Test
    void longGapsRepeatAZeroBit() {
        GcProgWriter w = new GcProgWriter();
        w.ptr(40);
        w.end();
        // one literal 0, repeat it 39 more times (0x81 = 1 bit pattern, count 39), then the pointer.
        assertArrayEquals(b(1, 0, 0x81, 39, 1, 1, 0), w.bytes());
    }

    @Test
    void literalsFlushAt127Bits() {
        GcProgWriter w = new GcProgWriter();
        for (int i = 0; i < 128; i++) {
            w.ptr(i);
        }
        w.end();
        byte[] out = w.bytes();
        // 127 bits: count byte and 16 bytes of bits (the last holds 7), then 1 more bit.
        org.junit.jupiter.api.Assertions.assertEquals(127, out[0]);
        org.junit.jupiter.api.Assertions.assertEquals((byte) 0x7f, out[16]);
        assertArrayEquals(b(1, 1, 0), java.util.Arrays.copyOfRange(out, 17, 20));
    }

    @Test
    void appendCopiesAProgramWithoutItsEnd() {
        GcProgWriter w = new GcProgWriter();
        byte[] prog = b(0, 0, 0, 0, 2, 0b11, 0); // length word, 2 literal bits, end
        w.append(prog, 4, prog.length, 2);
        w.ptr(3);
        w.end();
        assertArrayEquals(b(2, 0b11, 2, 0b10, 0), w.bytes());
    }

    @Test
    void wrongCountsAndBackwardPointersFail() {
        GcProgWriter w = new GcProgWriter();
        byte[] prog = b(0, 0, 0, 0, 2, 0b11, 0);
        assertThrows(IllegalStateException.class, () -> w.append(prog, 4, prog.length, 3));
        GcProgWriter v = new GcProgWriter();
        v.ptr(5);
        assertThrows(IllegalStateException.class, () -> v.ptr(2));
    }

    /**
     * A pattern of 128 bits or more is repeated with a 0x80 byte and the length as a varint (the runtime's
     * runGCProg reads a zero count as "varint follows"); no golden program's type has one.
     */
    @Test
    void longPatternsRepeatWithAVarintLength() {
        GcProgWriter w = new GcProgWriter();
        for (int i = 0; i < 200; i++) {
            w.ptr(i);
        }
        w.repeat(200, 2);
        w.end();
        byte[] out = w.bytes();
        // ... the 200 literal bits, then 0x80, varint 200 (0xc8 0x01), varint 2, the end byte.
        assertArrayEquals(b(0x80, 0xc8, 0x01, 2, 0), java.util.Arrays.copyOfRange(out, out.length - 5, out.length));
        w = new GcProgWriter();
        w.ptr(0);
        w.repeat(1, 200);
        w.end();
        assertArrayEquals(b(1, 1, 0x81, 0xc8, 0x01, 0), w.bytes(), "a short pattern keeps its length in the byte");
    }
}
