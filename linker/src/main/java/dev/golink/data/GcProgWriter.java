package dev.golink.data;

import java.io.ByteArrayOutputStream;

/**
 * Encodes a GC program (cf. cmd/internal/gcprog.Writer): a bitmap of which
 * pointer-sized words hold pointers, as literal bit runs and repeats. The
 * runtime decodes the programs for the data and bss sections.
 */
final class GcProgWriter {

    private static final int MAX_LITERAL = 127;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final byte[] lit = new byte[MAX_LITERAL];
    private int nlit;
    private long index;

    byte[] bytes() {
        return out.toByteArray();
    }

    /** Ends the program. */
    void end() {
        flushlit();
        out.write(0);
    }

    /** Marks word {@code i} as a pointer; words before it since the last mark are scalars. */
    void ptr(long i) {
        if (i < index) {
            throw new IllegalStateException("gcprog: pointer at word " + i + " but already at " + index);
        }
        zeroUntil(i);
        lit((byte) 1);
    }

    void repeat(long n, long c) {
        if (n == 0 || c == 0) {
            return;
        }
        flushlit();
        if (n < 128) {
            out.write(0x80 | (int) n);
        } else {
            out.write(0x80);
            varint(n);
        }
        varint(c);
        index += n * c;
    }

    /** Scalar words up to word {@code i}. */
    void zeroUntil(long i) {
        if (i < index) {
            throw new IllegalStateException("gcprog: advance to word " + i + " but already at " + index);
        }
        long skip = i - index;
        if (skip == 0) {
            return;
        }
        if (skip < 4 * 8) {
            for (long k = 0; k < skip; k++) {
                lit((byte) 0);
            }
            return;
        }
        lit((byte) 0);
        flushlit();
        repeat(1, skip - 1);
    }

    /** Appends another program's instructions (without its end marker) that describe {@code n} words. */
    void append(byte[] prog, int from, int to, long n) {
        flushlit();
        long n1 = progbits(prog, from, to);
        if (n1 != n) {
            throw new IllegalStateException("gcprog: wrong bit count in append: " + n1 + " != " + n);
        }
        // Everything but the final end byte.
        out.write(prog, from, to - from - 1);
        index += n;
    }

    private static long progbits(byte[] p, int i, int end) {
        long n = 0;
        while (i < end) {
            int x = p[i++] & 0xff;
            if (x == 0) {
                break;
            }
            if ((x & 0x80) == 0) {
                n += x;
                i += (x + 7) / 8;
                continue;
            }
            long nbit = x & 0x7f;
            if (nbit == 0) {
                long[] v = readvarint(p, i);
                nbit = v[0];
                i = (int) v[1];
            }
            long[] c = readvarint(p, i);
            i = (int) c[1];
            n += nbit * c[0];
        }
        if (i < end) {
            throw new IllegalStateException("gcprog: extra data after the end instruction");
        }
        return n;
    }

    private static long[] readvarint(byte[] p, int i) {
        long v = 0;
        int nb = 0;
        while (true) {
            int c = p[i++] & 0xff;
            v |= (long) (c & 0x7f) << nb;
            nb += 7;
            if ((c & 0x80) == 0) {
                return new long[] {v, i};
            }
        }
    }

    private void lit(byte x) {
        if (nlit == MAX_LITERAL) {
            flushlit();
        }
        lit[nlit++] = x;
        index++;
    }

    private void varint(long x) {
        if (x < 0) {
            throw new IllegalStateException("gcprog: negative varint");
        }
        while (x >= 0x80) {
            out.write((int) (0x80 | (x & 0x7f)));
            x >>>= 7;
        }
        out.write((int) x);
    }

    private void flushlit() {
        if (nlit == 0) {
            return;
        }
        out.write(nlit);
        int bits = 0;
        for (int i = 0; i < nlit; i++) {
            bits |= lit[i] << (i % 8);
            if ((i + 1) % 8 == 0) {
                out.write(bits);
                bits = 0;
            }
        }
        if (nlit % 8 != 0) {
            out.write(bits);
        }
        nlit = 0;
    }
}
