package dev.golink.outbuf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The output's fixed part on the heap, written to the file when released. It is kept
 * in pages that exist only once written to: the zeros of a symbol that declares a large
 * size with little content take no memory, and are not written (the file, sized
 * beforehand, is sparse and reads them as zeros).
 */
final class HeapStorage implements Storage {

    private static final int PAGE_SHIFT = 16;
    private static final int PAGE = 1 << PAGE_SHIFT;

    private final FileChannel channel;
    private final long size;
    private byte[][] pages;

    HeapStorage(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
        this.pages = new byte[Math.toIntExact((size + PAGE - 1) >>> PAGE_SHIFT)][];
    }

    @Override
    public long size() {
        return size;
    }

    /** The page of {@code pos}, made on first write (threads writing disjoint ranges may share a page). */
    private synchronized byte[] page(long pos) {
        int i = (int) (pos >>> PAGE_SHIFT);
        byte[] p = pages[i];
        if (p == null) {
            p = new byte[PAGE];
            pages[i] = p;
        }
        return p;
    }

    @Override
    public void put(long pos, byte[] src, int srcOff, int len) {
        if (pos < 0 || len < 0 || pos + len > size) {
            throw new IndexOutOfBoundsException("write of " + len + " bytes at " + pos + " outside " + size);
        }
        while (len > 0) {
            int in = (int) (pos & (PAGE - 1));
            int n = Math.min(len, PAGE - in);
            System.arraycopy(src, srcOff, page(pos), in, n);
            pos += n;
            srcOff += n;
            len -= n;
        }
    }

    @Override
    public void put(long pos, byte value) {
        put(pos, new byte[] {value}, 0, 1);
    }

    @Override
    public void get(long pos, byte[] dst, int dstOff, int len) {
        while (len > 0) {
            int in = (int) (pos & (PAGE - 1));
            int n = Math.min(len, PAGE - in);
            byte[] p;
            synchronized (this) {
                p = pages[(int) (pos >>> PAGE_SHIFT)];
            }
            if (p == null) {
                java.util.Arrays.fill(dst, dstOff, dstOff + n, (byte) 0);
            } else {
                System.arraycopy(p, in, dst, dstOff, n);
            }
            pos += n;
            dstOff += n;
            len -= n;
        }
    }

    @Override
    public void release() throws IOException {
        byte[][] old = pages;
        pages = new byte[0][];
        for (int i = 0; i < old.length; i++) {
            if (old[i] == null) {
                continue;
            }
            long pos = (long) i << PAGE_SHIFT;
            ByteBuffer b = ByteBuffer.wrap(old[i], 0, (int) Math.min(PAGE, size - pos));
            while (b.hasRemaining()) {
                pos += channel.write(b, pos);
            }
        }
        if (size > 0 && channel.size() < size) {
            channel.write(ByteBuffer.allocate(1), size - 1);
        }
    }
}
