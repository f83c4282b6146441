package dev.golink.plan9;

import dev.golink.LinkContext;
import dev.golink.loader.Loader;
import dev.golink.outbuf.OutWriter;
import dev.golink.sym.Segment;

/**
 * Writes what follows the segments of a Plan 9 executable, then its header (cf.
 * ld.asmbPlan9): layout leaves no gap between text and data in the file, so the
 * symbol table starts where the data's file bytes end, and the header, written
 * last, gives the sizes of all three.
 */
public final class Plan9 {

    private Plan9() {
    }

    /** The symbol table (unless -s), then the header at offset 0. */
    public static void asmb2(LinkContext ctxt, OutWriter out) {
        long symSize = 0;
        Segment data = ctxt.segments.data;
        if (!ctxt.options().stripSymbols()) {
            out.seek(data.fileoff + data.filelen);
            symSize = new Plan9Symtab(ctxt).write(out);
        }
        out.seek(0);
        Plan9Header.write(out, ctxt.arch.plan9Magic(), ctxt.segments.text, data, symSize, entryValue(ctxt));
    }

    /** The entry symbol's address, or the text address when there is none (cf. ld.Entryvalue). */
    private static long entryValue(LinkContext ctxt) {
        Loader ldr = ctxt.loader();
        int s = ldr.lookup(ctxt.entrySymbol(), 0);
        if (s == 0 || ldr.symType(s) == 0) {
            return ctxt.textAddr;
        }
        return ldr.symValue(s);
    }
}
