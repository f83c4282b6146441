package dev.golink.dwarf;

import java.nio.ByteBuffer;

/**
 * Walks a pc-value table (cf. obj.PCIter): pairs of a zig-zag value delta and
 * a pc delta in units of the pc quantum, ending at a zero value delta.
 */
public final class PcIter {
    private final int pcScale;
    private ByteBuffer p;
    public long pc;
    public long nextPC;
    public int value;
    public boolean done;
    private boolean start;

    public PcIter(int pcScale) {
        this.pcScale = pcScale;
    }

    public void init(ByteBuffer data) {
        p = data.duplicate();
        pc = 0;
        nextPC = 0;
        value = -1;
        start = true;
        done = false;
        next();
    }

    public void next() {
        pc = nextPC;
        if (done) {
            return;
        }
        if (!p.hasRemaining()) {
            done = true;
            return;
        }
        long uv = uvarint();
        long val = (uv >>> 1) ^ -(uv & 1);
        if (val == 0 && !start) {
            done = true;
            return;
        }
        start = false;
        value += (int) val;
        long d = uvarint();
        nextPC = pc + (d * pcScale & 0xffffffffL);
    }

    private long uvarint() {
        long x = 0;
        int shift = 0;
        while (true) {
            int b = p.get() & 0xff;
            x |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return x;
            }
            shift += 7;
        }
    }
}
