package dev.golink.plan9;

import dev.golink.LinkContext;
import dev.golink.loader.Loader;
import dev.golink.outbuf.OutWriter;
import dev.golink.sym.Segment;
import dev.golink.sym.SymtabEntries;

/**
 * Writes what follows the segments of a Plan 9 executable, then its header (cf.
 * ld.asmbPlan9): layout leaves no gap between text and data in the file, so the
 * symbol table starts where the data's file bytes end, and the header, written
 * last, gives the sizes of all three.
 */
public final class Plan9 {

    /**
     * Where the writer put the header and the symbol table, for the size report.
     *
     * @param headerSize   the header's bytes at offset 0
     * @param symtabOffset where the symbol table starts
     * @param symtabSize   its bytes (0 with -s)
     * @param symtab       its entries, per symbol (none with -s)
     */
    public record Layout(int headerSize, long symtabOffset, long symtabSize, SymtabEntries symtab) {
    }

    private Plan9() {
    }

    /** The symbol table (unless -s), then the header at offset 0; returns where they went. */
    public static Layout asmb2(LinkContext ctxt, OutWriter out) {
        long symSize = 0;
        Segment data = ctxt.segments.data;
        long symOffset = data.fileoff + data.filelen;
        SymtabEntries entries = new SymtabEntries();
        if (!ctxt.options().stripSymbols()) {
            out.seek(symOffset);
            Plan9Symtab symtab = new Plan9Symtab(ctxt);
            symSize = symtab.write(out);
            entries = symtab.entries;
        }
        out.seek(0);
        int headerSize = Plan9Header.write(out, ctxt.arch.plan9Magic(), ctxt.segments.text, data, symSize,
                entryValue(ctxt));
        return new Layout(headerSize, symOffset, symSize, entries);
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
