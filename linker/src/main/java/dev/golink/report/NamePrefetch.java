package dev.golink.report;

import dev.golink.LinkContext;
import dev.golink.goobj.GoObject;
import dev.golink.loader.Loader;
import dev.golink.sym.SymKind;

import java.util.BitSet;
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
    /** The symbols reachable when the names were begun, a copy of the loader's (which goes on changing). */
    private final BitSet reachable;
    private final int nSym;
    // Made on the thread; read once it has ended (await).
    /** The symbols whose names are made, in symbol order: the reachable ones of objects, but DWARF's. */
    private int[] syms;
    /** Each symbol's place in {@link #syms}, or -1; symbols made after the start have none. */
    private int[] slot;
    /** Where each name was read: its object (null: none made) and its index there. */
    private GoObject[] objs;
    private int[] locals;
    private byte[][] slices;
    private int[] start;
    private int[] end;
    private byte[] flags;
    private Future<NamePrefetch> made;

    private NamePrefetch(Loader ldr) {
        this.ldr = ldr;
        this.reachable = ldr.reachableSet();
        this.nSym = ldr.nSym();
    }

    /** Starts making the names of the reachable symbols, once dead-code elimination has marked them. */
    public static void start(LinkContext ctxt) {
        NamePrefetch p = new NamePrefetch(ctxt.loader());
        p.made = Background.start("golink-report-names", () -> {
            p.make();
            return p;
        });
        ctxt.reportNames = p;
    }

    private void make() {
        syms = new int[reachable.cardinality()];
        slot = new int[nSym];
        java.util.Arrays.fill(slot, -1);
        int n = 0;
        for (int s = reachable.nextSetBit(0); s >= 0; s = reachable.nextSetBit(s + 1)) {
            n = add(s, n);
        }
        syms = java.util.Arrays.copyOf(syms, n);
        objs = new GoObject[n];
        locals = new int[n];
        slices = new byte[(n + NameTable.SLICE - 1) / NameTable.SLICE][];
        start = new int[n];
        end = new int[n];
        flags = new byte[n];
        for (int k = 0; k < slices.length; k++) {
            int from = k * NameTable.SLICE;
            int to = Math.min(n, from + NameTable.SLICE);
            TextSink t = TextSink.oneArray(sliceBytes(from, to));
            for (int i = from; i < to; i++) {
                name(t, i); // a method per name: see SizeAttribution.symbol
            }
            slices[k] = t.array();
        }
    }

    /**
     * The bytes names {@code [from, to)} take as JSON strings when none has a character to
     * escape, as nearly none has: a slice's array is made once at its size, not grown by copying.
     */
    private int sliceBytes(int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n += nameBytes(syms[i]) + 2;
        }
        // A damaged object may claim any length: more than a kilobyte a name is left to growing.
        return (int) Math.min(n, (to - from) * 1024L) + 16;
    }

    /** The bytes of symbol {@code s}'s name as stored; 0 when there are none or they cannot be read. */
    private int nameBytes(int s) {
        GoObject obj = ldr.nameObject(s);
        try {
            return obj == null ? 0 : Math.max(0, obj.symNameLen(ldr.localIndex(s)));
        } catch (RuntimeException e) {
            return 0; // name() meets it again, and leaves the name to the reports
        }
    }

    /**
     * Lists symbol {@code s} as the {@code n}th when it is an object's and not DWARF's (the
     * reports name no DWARF symbol: two of the reachable symbols in three); returns the count after it.
     */
    private int add(int s, int n) {
        if (ldr.nameObject(s) == null) {
            return n; // a name the linker made: the reports make it
        }
        int kind;
        try {
            kind = ldr.symType(s);
        } catch (RuntimeException e) {
            return n; // a kind that cannot be read: the link says so
        }
        if (kind >= SymKind.SDWARFSECT && kind <= SymKind.SDWARFLINES) {
            return n;
        }
        syms[n] = s;
        slot[s] = n;
        return n + 1;
    }

    private void name(TextSink t, int i) {
        GoObject obj = ldr.nameObject(syms[i]);
        if (obj == null) {
            return; // a name the linker made: the reports make it
        }
        int local = ldr.localIndex(syms[i]);
        int s = t.size();
        try {
            flags[i] = NameTable.encode(t, obj, local);
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
