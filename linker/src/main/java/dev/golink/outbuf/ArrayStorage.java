package dev.golink.outbuf;

/**
 * A byte array standing in for the output's fixed part: for bytes that are
 * assembled like the file's but kept in memory (wasm copies its data sections
 * out of linear memory this way, cf. ld.DatblkBytes).
 */
final class ArrayStorage implements Storage {

    private final byte[] bytes;

    ArrayStorage(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public void put(long pos, byte[] src, int srcOff, int len) {
        System.arraycopy(src, srcOff, bytes, Math.toIntExact(pos), len);
    }

    @Override
    public void put(long pos, byte value) {
        bytes[Math.toIntExact(pos)] = value;
    }

    @Override
    public void get(long pos, byte[] dst, int dstOff, int len) {
        System.arraycopy(bytes, Math.toIntExact(pos), dst, dstOff, len);
    }

    @Override
    public void release() {
        // the caller owns the array
    }
}
