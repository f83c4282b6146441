package dev.golink.wasm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with the encodings of the WebAssembly binary format:
 * LEB128 numbers (including the fixed-width form cmd/link uses for section
 * sizes it patches afterwards), names, constant expressions.
 */
final class WasmWriter {

    /** Bytes reserved for a section size that is written once the section is done. */
    static final int SIZE_PLACEHOLDER = 5;

    private byte[] buf;
    private int len;

    WasmWriter() {
        this(1 << 12);
    }

    WasmWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int size() {
        return len;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
        }
    }

    void writeByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    void write(byte[] b) {
        write(b, 0, b.length);
    }

    void write(byte[] b, int from, int n) {
        ensure(n);
        System.arraycopy(b, from, buf, len, n);
        len += n;
    }

    void writeUleb128(long v) {
        do {
            int c = (int) (v & 0x7f);
            v >>>= 7;
            if (v != 0) {
                c |= 0x80;
            }
            writeByte(c);
        } while (v != 0);
    }

    void writeSleb128(long v) {
        boolean more = true;
        while (more) {
            int c = (int) (v & 0x7f);
            long sign = v & 0x40;
            v >>= 7;
            more = !((v == 0 && sign == 0) || (v == -1 && sign != 0));
            if (more) {
                c |= 0x80;
            }
            writeByte(c);
        }
    }

    /** {@code v} in exactly {@code length} bytes, continuation bits set on all but the last. */
    void putUleb128FixedLength(int at, long v, int length) {
        for (int i = 0; i < length; i++) {
            int c = (int) (v & 0x7f);
            v >>>= 7;
            if (i < length - 1) {
                c |= 0x80;
            }
            buf[at + i] = (byte) c;
        }
        if (v != 0) {
            throw new IllegalArgumentException("value does not fit in " + length + " LEB128 bytes");
        }
    }

    void writeName(String name) {
        byte[] b = dev.golink.GoString.encode(name);
        writeName(b);
    }

    void writeName(byte[] name) {
        writeUleb128(name.length);
        write(name);
    }

    void writeI32Const(int v) {
        writeByte(0x41); // i32.const
        writeSleb128(v);
    }

    void writeI64Const(long v) {
        writeByte(0x42); // i64.const
        writeSleb128(v);
    }

    /** Starts a section (or a name subsection): its id, then room for its size; returns where the size goes. */
    int writeSecHeader(int id) {
        writeByte(id);
        int sizeOffset = len;
        ensure(SIZE_PLACEHOLDER);
        Arrays.fill(buf, len, len + SIZE_PLACEHOLDER, (byte) 0);
        len += SIZE_PLACEHOLDER;
        return sizeOffset;
    }

    /** Ends the section begun at {@code sizeOffset}: its size, in the reserved five bytes. */
    void writeSecSize(int sizeOffset) {
        putUleb128FixedLength(sizeOffset, len - sizeOffset - SIZE_PLACEHOLDER, SIZE_PLACEHOLDER);
    }
}
