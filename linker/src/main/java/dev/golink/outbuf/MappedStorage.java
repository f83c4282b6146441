package dev.golink.outbuf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The output's fixed part mapped read-write. One mapping is limited to 2 GiB in
 * Java 17, so the region is mapped in chunks of 1 GiB; a write that
 * crosses a chunk boundary is split.
 */
final class MappedStorage implements Storage {

    /** 1 GiB: below the 2 GiB limit of one mapping. */
    static final int DEFAULT_CHUNK_SHIFT = 30;

    private final long size;
    private final int shift;
    private final long chunk;
    private final dev.golink.FileMappings mappings = new dev.golink.FileMappings();
    private ByteBuffer[] chunks;

    MappedStorage(FileChannel channel, long size) throws IOException {
        this(channel, size, DEFAULT_CHUNK_SHIFT);
    }

    /** {@code chunkShift} is smaller only in tests, to cross chunk boundaries in small files. */
    MappedStorage(FileChannel channel, long size, int chunkShift) throws IOException {
        this.size = size;
        this.shift = chunkShift;
        this.chunk = 1L << chunkShift;
        int n = (int) ((size + chunk - 1) >>> shift);
        chunks = new ByteBuffer[n];
        try {
            for (int i = 0; i < n; i++) {
                long start = (long) i << shift;
                chunks[i] = mappings.map(channel, FileChannel.MapMode.READ_WRITE, start, Math.min(chunk, size - start));
            }
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void put(long pos, byte[] src, int srcOff, int len) {
        try {
            while (len > 0) {
                int in = (int) (pos & (chunk - 1));
                int n = (int) Math.min(len, chunk - in);
                chunks[(int) (pos >>> shift)].put(in, src, srcOff, n);
                pos += n;
                srcOff += n;
                len -= n;
            }
        } catch (InternalError e) {
            throw fault(pos, e);
        }
    }

    @Override
    public void put(long pos, byte value) {
        try {
            chunks[(int) (pos >>> shift)].put((int) (pos & (chunk - 1)), value);
        } catch (InternalError e) {
            throw fault(pos, e);
        }
    }

    /**
     * The file is sparse: a page gets its disk block when first written, and a disk that
     * filled up since the output was sized makes that write fault. The JVM reports the
     * fault as an InternalError; the link reports it as an error writing the output.
     */
    private static UncheckedIOException fault(long pos, InternalError e) {
        return new UncheckedIOException(new IOException("cannot write the output file at offset " + pos
                + " (is the disk full?): " + e.getMessage(), e));
    }

    @Override
    public void get(long pos, byte[] dst, int dstOff, int len) {
        while (len > 0) {
            int in = (int) (pos & (chunk - 1));
            int n = (int) Math.min(len, chunk - in);
            chunks[(int) (pos >>> shift)].get(in, dst, dstOff, n);
            pos += n;
            dstOff += n;
            len -= n;
        }
    }

    @Override
    public void release() throws IOException {
        chunks = new ByteBuffer[0];
        mappings.close();
    }
}
