package dev.golink.zlib;

import java.util.Arrays;

/**
 * A growable byte array, unsynchronized (ByteArrayOutputStream locks on every byte).
 * {@link HuffmanBitWriter} writes into {@link #buf} directly after {@link #ensure}.
 */
final class ByteSink {

    /** Bytes that may be written past the promised room: whole longs are stored, then only part kept. */
    static final int SLACK = 8;

    byte[] buf;
    int len;

    ByteSink(int capacity) {
        buf = new byte[Math.max(capacity, 64) + SLACK];
    }

    /** Makes room for {@code n} more bytes, plus {@link #SLACK}. */
    void ensure(int n) {
        if (len + n + SLACK > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n + SLACK));
        }
    }

    void write(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    void write(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
