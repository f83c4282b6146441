package dev.golink.zlib;

import java.util.zip.Adler32;

/**
 * A zlib stream (RFC 1950) byte-identical to what Go's
 * {@code zlib.NewWriterLevel(w, zlib.BestSpeed)} writes for the same input, which
 * cmd/link uses to compress DWARF. java.util.zip's deflater is a different
 * encoder and gives different (equally valid) bytes, hence this one.
 *
 * <p>Input is taken in blocks of 65535 bytes; each block is matched by
 * {@link DeflateFast} and written by {@link HuffmanBitWriter} as Go decides
 * (dynamic, Huffman-only or stored). How the input is split across
 * {@link #write} calls does not change the output.
 */
public final class GoZlibWriter {

    private static final int SMALL_BLOCK = 128;
    private static final int STORED_MAX = 16;

    private static final int BLOCK = DeflateFast.MAX_STORE_BLOCK_SIZE;
    private static final byte[] ZEROS = new byte[4096];

    private final ByteSink out;
    private final HuffmanBitWriter bits;
    private final DeflateFast fast = new DeflateFast();
    private final DeflateFast.TokenList tokens = new DeflateFast.TokenList();
    private final byte[] window = new byte[BLOCK];
    private final Adler32 adler = new Adler32();
    private int windowEnd;
    private boolean finished;

    public GoZlibWriter() {
        this(new byte[0], 0);
    }

    /**
     * A stream whose {@link #finish} result starts with {@code prefix} (saving
     * the caller a copy), for about {@code inputSize} bytes of input.
     */
    public GoZlibWriter(byte[] prefix, long inputSize) {
        // DWARF compresses to a fifth to a half: start at a quarter, growing at most once or twice.
        out = new ByteSink((int) Math.min(prefix.length + 64 + inputSize / 4, 1 << 30));
        bits = new HuffmanBitWriter(out);
        out.write(prefix, 0, prefix.length);
        // CMF 0x78: deflate with a 32 KiB window; FLG 0x01: level "fastest", check bits.
        out.write(0x78);
        out.write(0x01);
    }

    /** Compresses {@code data} in one go. */
    public static byte[] compress(byte[] data) {
        GoZlibWriter w = new GoZlibWriter(new byte[0], data.length);
        w.write(data, 0, data.length);
        return w.finish();
    }

    public void write(byte[] b, int off, int len) {
        if (finished) {
            throw new IllegalStateException("stream already finished");
        }
        adler.update(b, off, len);
        while (len > 0) {
            step(false);
            if (windowEnd == 0 && len >= BLOCK) {
                // A whole block at a block boundary: code it in place instead of copying it.
                encodeBlock(b, off, BLOCK);
                off += BLOCK;
                len -= BLOCK;
                continue;
            }
            int n = Math.min(len, window.length - windowEnd);
            System.arraycopy(b, off, window, windowEnd, n);
            windowEnd += n;
            off += n;
            len -= n;
        }
    }

    /** Writes {@code n} zero bytes (a symbol's size beyond its data). */
    public void writeZeros(long n) {
        while (n > 0) {
            int k = (int) Math.min(n, ZEROS.length);
            write(ZEROS, 0, k);
            n -= k;
        }
    }

    /** Ends the stream: the last block, an empty final stored block, the Adler-32 checksum. */
    public byte[] finish() {
        if (!finished) {
            step(true);
            bits.writeStoredHeader(0, true);
            bits.flush();
            long sum = adler.getValue();
            out.write((int) (sum >>> 24));
            out.write((int) (sum >>> 16));
            out.write((int) (sum >>> 8));
            out.write((int) sum);
            finished = true;
        }
        return out.toByteArray();
    }

    /** Compresses the window when it is full, or at the end of the stream ({@code sync}). */
    private void step(boolean sync) {
        if (windowEnd < window.length) {
            if (!sync) {
                return;
            }
            if (windowEnd < SMALL_BLOCK) {
                if (windowEnd == 0) {
                    return;
                }
                if (windowEnd <= STORED_MAX) {
                    bits.writeStoredBlock(window, 0, windowEnd);
                } else {
                    bits.writeBlockHuff(window, 0, windowEnd);
                }
                windowEnd = 0;
                fast.reset();
                return;
            }
        }
        encodeBlock(window, 0, windowEnd);
        windowEnd = 0;
    }

    private void encodeBlock(byte[] b, int off, int len) {
        tokens.clear();
        fast.encode(tokens, b, off, len);
        // Matching removed less than a sixteenth: code the bytes alone.
        if (tokens.size > len - (len >> 4)) {
            bits.writeBlockHuff(b, off, len);
        } else {
            bits.writeBlockDynamic(tokens, b, off, len);
        }
    }
}
