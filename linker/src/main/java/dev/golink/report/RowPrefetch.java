package dev.golink.report;

import dev.golink.LinkContext;

import java.util.concurrent.Future;

/**
 * The size report's rows of the text and data symbols, made on a thread of their own while the
 * link writes the file: made at the end, an object per symbol cost a report of cmd/go 10 to 40 ms
 * (reading what each says, allocating it, and the collections that brings on), measured inside
 * the report's thread. They are made in the order the attribution meets the symbols (text, then
 * data), once address has placed them. The attribution checks each against what the link says
 * after asmb2 and fills again any that differ ({@link SymbolRows#refresh}), which costs a read.
 */
public final class RowPrefetch {

    private final int[] textp;
    private final int[] datap;
    private final Future<SymbolRows> made;

    private RowPrefetch(LinkContext ctxt) {
        this.textp = ctxt.textp;
        this.datap = ctxt.datap;
        SymbolRows rows = new SymbolRows(ctxt);
        this.made = Background.start("golink-report-rows", () -> {
            for (int[] list : new int[][] {textp, datap}) {
                for (int s : list) {
                    rows.row(s);
                }
            }
            return rows;
        });
    }

    /** Starts making the rows of the text and data symbols, once address has placed them. */
    public static void start(LinkContext ctxt) {
        ctxt.reportRows = new RowPrefetch(ctxt);
    }

    /**
     * The rows made ahead for this link's text and data symbols, to be checked ({@link SymbolRows#refresh});
     * null when there are none, or the lists of symbols are no longer the ones they were made for.
     */
    static SymbolRows take(LinkContext ctxt) {
        RowPrefetch p = ctxt.reportRows;
        if (p == null || p.textp != ctxt.textp || p.datap != ctxt.datap) {
            return null;
        }
        return Background.result(p.made);
    }
}
