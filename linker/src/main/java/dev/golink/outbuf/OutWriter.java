package dev.golink.outbuf;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes at a cursor in the target's byte order: the shared surface of the output
 * buffer and of its views (cf. cmd/link ld.OutBuf's Write methods).
 */
public abstract class OutWriter {

    private static final byte[] ZEROS = new byte[4096];

    private final boolean bigEndian;
    private final byte[] enc = new byte[8];
    private long off;

    OutWriter(ByteOrder order, long start) {
        this.bigEndian = order == ByteOrder.BIG_ENDIAN;
        this.off = start;
    }

    /** Stores {@code len} bytes at file offset {@code pos}. */
    abstract void store(long pos, byte[] src, int srcOff, int len);

    public final long offset() {
        return off;
    }

    public final void seek(long pos) {
        off = pos;
    }

    public final void write(byte[] b) {
        write(b, 0, b.length);
    }

    public final void write(byte[] b, int from, int len) {
        store(off, b, from, len);
        off += len;
    }

    public final void write8(int v) {
        enc[0] = (byte) v;
        write(enc, 0, 1);
    }

    public final void write16(int v) {
        encode(v, 2, bigEndian);
    }

    public final void write32(long v) {
        encode(v, 4, bigEndian);
    }

    public final void write64(long v) {
        encode(v, 8, bigEndian);
    }

    /** Big-endian whatever the target (Mach-O code signatures, for one). */
    public final void write32b(long v) {
        encode(v, 4, true);
    }

    public final void write64b(long v) {
        encode(v, 8, true);
    }

    public final void writeString(String s) {
        write(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code s} cut or zero-padded to exactly {@code n} bytes. */
    public final void writeStringPad(String s, int n) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        write(b, 0, Math.min(n, b.length));
        zeros(n - Math.min(n, b.length));
    }

    public final void zeros(long n) {
        while (n > 0) {
            int k = (int) Math.min(n, ZEROS.length);
            write(ZEROS, 0, k);
            n -= k;
        }
    }

    private void encode(long v, int size, boolean big) {
        for (int i = 0; i < size; i++) {
            int shift = 8 * (big ? size - 1 - i : i);
            enc[i] = (byte) (v >>> shift);
        }
        write(enc, 0, size);
    }
}
