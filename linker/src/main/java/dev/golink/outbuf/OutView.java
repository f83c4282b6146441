package dev.golink.outbuf;

import java.nio.ByteOrder;

/**
 * A writer over one range of the output's fixed part, for one thread: Asmb gives
 * each section or block its own view so they are copied in parallel without locks
 * (cf. cmd/link ld.OutBuf.View). A write outside the range is a bug in the caller
 * and fails at once.
 */
public final class OutView extends OutWriter {

    private final Storage storage;
    private final long start;
    private final long end;

    OutView(Storage storage, ByteOrder order, long start, long end) {
        super(order, start);
        this.storage = storage;
        this.start = start;
        this.end = end;
    }

    /** A view of [start, end) of {@code bytes}, offsets counted from the array's start. */
    public static OutView over(byte[] bytes, ByteOrder order, long start, long end) {
        if (start < 0 || end < start || end > bytes.length) {
            throw new IndexOutOfBoundsException("view [" + start + ", " + end + ") outside " + bytes.length + " bytes");
        }
        return new OutView(new ArrayStorage(bytes), order, start, end);
    }

    @Override
    void store(long pos, byte[] src, int srcOff, int len) {
        if (pos < start || pos + len > end) {
            throw new IndexOutOfBoundsException("write of " + len + " bytes at offset " + pos + " outside the view ["
                    + start + ", " + end + ")");
        }
        storage.put(pos, src, srcOff, len);
    }
}
