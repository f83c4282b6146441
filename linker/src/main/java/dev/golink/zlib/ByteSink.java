package dev.golink.zlib;

import java.util.ArrayList;
import java.util.List;

/**
 * A growable byte array, unsynchronized (ByteArrayOutputStream locks on every byte).
 * {@link HuffmanBitWriter} writes into {@link #buf} directly after {@link #ensure}. A full
 * array is kept as it is and the bytes go on in a new one, joined once at the end: growing by
 * copying allocated about twice what a section compresses to, and copied it.
 */
final class ByteSink {

    /** Bytes that may be written past the promised room: whole longs are stored, then only part kept. */
    static final int SLACK = 8;

    /** The array being written: its first {@link #len} bytes follow those of {@link #full}. */
    byte[] buf;
    int len;
    /** The arrays filled before {@link #buf}, and how many bytes of each are written. */
    private final List<byte[]> full = new ArrayList<>();
    private final List<Integer> fullLengths = new ArrayList<>();
    private long before;

    ByteSink(int capacity) {
        buf = new byte[Math.max(capacity, 64) + SLACK];
    }

    /** Makes room for {@code n} more bytes, plus {@link #SLACK}, in {@link #buf} from {@link #len}. */
    void ensure(int n) {
        if (len + n + SLACK > buf.length) {
            full.add(buf);
            fullLengths.add(len);
            before += len;
            buf = new byte[Math.max(buf.length, n + SLACK)];
            len = 0;
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
        long total = before + len;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("compressed output of " + total + " bytes");
        }
        byte[] all = new byte[(int) total];
        int at = 0;
        for (int i = 0; i < full.size(); i++) {
            System.arraycopy(full.get(i), 0, all, at, fullLengths.get(i));
            at += fullLengths.get(i);
        }
        System.arraycopy(buf, 0, all, at, len);
        return all;
    }
}
