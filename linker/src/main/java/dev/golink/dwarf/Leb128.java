package dev.golink.dwarf;

import java.io.ByteArrayOutputStream;

/** LEB128 numbers, as DWARF encodes them. */
final class Leb128 {

    private Leb128() {
    }

    static void putUleb(ByteArrayOutputStream b, long v) {
        do {
            int c = (int) (v & 0x7f);
            v >>>= 7;
            if (v != 0) {
                c |= 0x80;
            }
            b.write(c);
        } while (v != 0);
    }

    static void putSleb(ByteArrayOutputStream b, long v) {
        while (true) {
            int c = (int) (v & 0x7f);
            long s = v & 0x40;
            v >>= 7;
            if ((v != -1 || s == 0) && (v != 0 || s != 0)) {
                c |= 0x80;
            }
            b.write(c);
            if ((c & 0x80) == 0) {
                break;
            }
        }
    }

    static byte[] uleb(long v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(10);
        putUleb(b, v);
        return b.toByteArray();
    }

    static byte[] sleb(long v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(10);
        putSleb(b, v);
        return b.toByteArray();
    }
}
