package dev.golink.outbuf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** The output's fixed part in a heap array, written to the file when released. */
final class HeapStorage implements Storage {

    private final FileChannel channel;
    private byte[] bytes;

    HeapStorage(FileChannel channel, long size) throws IOException {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("output of " + size + " bytes is too large to build in memory; use the mapped output");
        }
        this.channel = channel;
        this.bytes = new byte[(int) size];
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public void put(long pos, byte[] src, int srcOff, int len) {
        System.arraycopy(src, srcOff, bytes, (int) pos, len);
    }

    @Override
    public void put(long pos, byte value) {
        bytes[(int) pos] = value;
    }

    @Override
    public void get(long pos, byte[] dst, int dstOff, int len) {
        System.arraycopy(bytes, (int) pos, dst, dstOff, len);
    }

    @Override
    public void release() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long pos = 0;
        while (b.hasRemaining()) {
            pos += channel.write(b, pos);
        }
        bytes = new byte[0];
    }
}
