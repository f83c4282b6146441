package dev.golink.report;

import dev.golink.LinkContext;
import dev.golink.goobj.GoObject;
import dev.golink.loader.Loader;

import java.util.concurrent.Future;

/**
 * The names of the text and data symbols as JSON strings, made for the reports on a thread of
 * their own while the link lays out and writes the file. Read at the end, from objects scattered
 * over a hundred megabytes, they cost a report of cmd/go a good part of its time; made here, in
 * the order the reports list the symbols (text, then data), the reports copy them in one pass.
 *
 * <p>The thread reads only the objects, which nothing changes, and where each symbol's name is,
 * which the link could change for a symbol it rewrites: so the reports take a name from here only
 * where the symbol is still where it was read ({@link #copy}), and make the others themselves.
 */
public final class NamePrefetch {

    private final Loader ldr;
    /** The symbols in the reports' order: text, then data. */
    private final int[] syms;
    /** Where each name was read: its object (null: none made) and its index there. */
    private final GoObject[] objs;
    private final int[] locals;
    private final byte[][] slices;
    private final int[] start;
    private final int[] end;
    private final byte[] flags;
    private Future<NamePrefetch> made;

    private NamePrefetch(Loader ldr, int[] textp, int[] datap) {
        this.ldr = ldr;
        int n = textp.length + datap.length;
        this.syms = new int[n];
        System.arraycopy(textp, 0, syms, 0, textp.length);
        System.arraycopy(datap, 0, syms, textp.length, datap.length);
        this.objs = new GoObject[n];
        this.locals = new int[n];
        this.slices = new byte[(n + NameTable.SLICE - 1) / NameTable.SLICE][];
        this.start = new int[n];
        this.end = new int[n];
        this.flags = new byte[n];
    }

    /** Starts making the names of the text and data symbols, once dodata has ordered them. */
    public static void start(LinkContext ctxt) {
        NamePrefetch p = new NamePrefetch(ctxt.loader(), ctxt.textp, ctxt.datap);
        p.made = Background.start("golink-report-names", () -> {
            p.make();
            return p;
        });
        ctxt.reportNames = p;
    }

    private void make() {
        for (int k = 0; k < slices.length; k++) {
            int from = k * NameTable.SLICE;
            int to = Math.min(syms.length, from + NameTable.SLICE);
            TextSink t = TextSink.oneArray(TextSink.capacityFor(to - from, 48));
            for (int i = from; i < to; i++) {
                GoObject obj = ldr.nameObject(syms[i]);
                if (obj == null) {
                    continue; // a name the linker made: the reports make it
                }
                int local = ldr.localIndex(syms[i]);
                int s = t.size();
                try {
                    flags[i] = NameTable.encode(t, obj, local, () -> obj.symName(local));
                } catch (RuntimeException e) {
                    continue; // a name that cannot be read: the reports read it again and say so
                }
                objs[i] = obj;
                locals[i] = local;
                start[i] = s;
                end[i] = t.size();
            }
            slices[k] = t.array();
        }
    }

    /** Waits until the names are made; false when they could not be. */
    boolean await() {
        return Background.result(made) != null;
    }

    /**
     * Appends the name of row {@code i} (symbol {@code sym}) when it was made here and the symbol
     * is still where it was read, and returns its {@link NameTable} flags; else appends nothing
     * and returns -1.
     */
    int copy(TextSink b, int i, int sym) {
        if (i >= syms.length || syms[i] != sym || objs[i] == null || ldr.nameObject(sym) != objs[i]
                || ldr.localIndex(sym) != locals[i]) {
            return -1;
        }
        b.add(slices[i / NameTable.SLICE], start[i], end[i]);
        return flags[i];
    }
}
