package dev.golink.zlib;

import java.util.Arrays;

/** A growable byte array, unsynchronized (ByteArrayOutputStream locks on every byte). */
final class ByteSink {

    private byte[] buf = new byte[1 << 16];
    private int len;

    void write(int b) {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[len++] = (byte) b;
    }

    void write(byte[] b, int off, int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /** Writes the low {@code n} bytes of {@code v}, least significant first. */
    void writeLE(long v, int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) (v >>> (8 * i));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
