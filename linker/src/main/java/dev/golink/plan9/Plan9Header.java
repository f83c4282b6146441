package dev.golink.plan9;

import dev.golink.outbuf.OutWriter;
import dev.golink.sym.Segment;

/**
 * The a.out header (cf. ld.writePlan9Header): eight big-endian words, the magic, the
 * sizes of text, data, bss and symbol table, the entry, and two sizes Go leaves 0
 * (the sp and pc offset tables). With Plan 9's HDR_MAGIC bit in the magic (amd64)
 * the 32-bit entry word drops bit 31 and the whole entry follows as a 64-bit word.
 */
final class Plan9Header {

    /** The magic's bit for a header that ends with a 64-bit entry (Plan 9's HDR_MAGIC). */
    static final int HDR_MAGIC = 0x8000;

    private Plan9Header() {
    }

    /** Writes the header; returns its size. */
    static int write(OutWriter out, int magic, Segment text, Segment data, long symSize, long entry) {
        boolean entry64 = (magic & HDR_MAGIC) != 0;
        out.write32b(magic);
        out.write32b(text.filelen);
        out.write32b(data.filelen);
        out.write32b(data.length - data.filelen);
        out.write32b(symSize);
        out.write32b(entry64 ? entry & ~0x80000000L : entry);
        out.write32b(0); // spsz
        out.write32b(0); // pcsz
        if (entry64) {
            out.write64b(entry);
            return 40;
        }
        return 32;
    }
}
