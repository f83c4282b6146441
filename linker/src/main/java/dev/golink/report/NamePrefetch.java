package dev.golink.report;

import dev.golink.LinkContext;
import dev.golink.goobj.GoObject;
import dev.golink.loader.Loader;

import java.util.concurrent.Future;

/**
 * The names of the reachable symbols as JSON strings, made for the reports on a thread of their
 * own while the link goes on. Read at the end, from objects scattered over a hundred megabytes,
 * they cost a report of cmd/go a good part of its time. They are made once dead-code elimination
 * has settled which symbols are kept: the phases after it up to dodata (DWARF's DIEs, pclntab, the
 * symbol table) run on one core, so the names take the idle one, not the cores that DWARF
 * compression and asmb keep busy later. In symbol order, which walks each object from start to
 * end; the reports copy them by symbol.
 *
 * <p>The thread reads only the objects, which nothing changes, and where each symbol's name is,
 * which the link could change for a symbol it rewrites: so the reports take a name from here only
 * where the symbol is still where it was read ({@link #copy}), and make the others themselves.
 */
public final class NamePrefetch {

    private final Loader ldr;
    /** The symbols whose names are made, in symbol order. */
    private final int[] syms;
    /** Each symbol's place in {@link #syms}, or -1; symbols made after the start have none. */
    private final int[] slot;
    /** Where each name was read: its object (null: none made) and its index there. */
    private final GoObject[] objs;
    private final int[] locals;
    private final byte[][] slices;
    private final int[] start;
    private final int[] end;
    private final byte[] flags;
    private Future<NamePrefetch> made;

    private NamePrefetch(Loader ldr, int[] syms) {
        this.ldr = ldr;
        this.syms = syms;
        int n = syms.length;
        this.slot = new int[ldr.nSym()];
        java.util.Arrays.fill(slot, -1);
        for (int i = 0; i < n; i++) {
            slot[syms[i]] = i;
        }
        this.objs = new GoObject[n];
        this.locals = new int[n];
        this.slices = new byte[(n + NameTable.SLICE - 1) / NameTable.SLICE][];
        this.start = new int[n];
        this.end = new int[n];
        this.flags = new byte[n];
    }

    /** Starts making the names of the reachable symbols, once dead-code elimination has marked them. */
    public static void start(LinkContext ctxt) {
        NamePrefetch p = new NamePrefetch(ctxt.loader(), ctxt.loader().reachableSymbols());
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
                name(t, i); // a method per name: see SizeAttribution.symbol
            }
            slices[k] = t.array();
        }
    }

    private void name(TextSink t, int i) {
        GoObject obj = ldr.nameObject(syms[i]);
        if (obj == null) {
            return; // a name the linker made: the reports make it
        }
        int local = ldr.localIndex(syms[i]);
        int s = t.size();
        try {
            flags[i] = NameTable.encode(t, obj, local, () -> obj.symName(local));
        } catch (RuntimeException e) {
            return; // a name that cannot be read: the reports read it again and say so
        }
        objs[i] = obj;
        locals[i] = local;
        start[i] = s;
        end[i] = t.size();
    }

    /** Waits until the names are made; false when they could not be. */
    boolean await() {
        return Background.result(made) != null;
    }

    /**
     * Where the name of symbol {@code sym} is, when it was made here and the symbol is still where
     * it was read: its place, for {@link #array}, {@link #start}, {@link #end} and {@link #flags}; else -1.
     */
    int find(int sym) {
        int i = sym < slot.length ? slot[sym] : -1;
        if (i < 0 || objs[i] == null || ldr.nameObject(sym) != objs[i] || ldr.localIndex(sym) != locals[i]) {
            return -1;
        }
        return i;
    }

    /** The array name {@code i} is in, as a JSON string: bytes {@link #start} to {@link #end}. */
    byte[] array(int i) {
        return slices[i / NameTable.SLICE];
    }

    int start(int i) {
        return start[i];
    }

    int end(int i) {
        return end[i];
    }

    /** Its {@link NameTable} flags. */
    byte flags(int i) {
        return flags[i];
    }
}
