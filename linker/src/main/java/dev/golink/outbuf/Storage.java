package dev.golink.outbuf;

import java.io.IOException;

/**
 * The fixed-size part of the output, whose size layout decided: a memory-mapped
 * file region or, when mapping is off or impossible, a heap array. Positions are
 * file offsets. Disjoint ranges may be written from several threads at once.
 */
interface Storage {

    long size();

    void put(long pos, byte[] src, int srcOff, int len);

    void put(long pos, byte value);

    void get(long pos, byte[] dst, int dstOff, int len);

    /** Ends the storage: a mapping is unmapped (its bytes are the file's), a heap array is written out. */
    void release() throws IOException;
}
