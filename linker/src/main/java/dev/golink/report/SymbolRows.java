package dev.golink.report;

import dev.golink.LinkContext;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;
import dev.golink.report.SizeAttribution.SymbolRow;
import dev.golink.sym.Section;
import dev.golink.sym.SymKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The attribution's rows: at most one per symbol, found by symbol index, listed in the order
 * made, each filled with what the loader and the layout say of its symbol.
 */
final class SymbolRows {

    /** Rows per page: a page is allocated when a symbol of it gets a row, and stays small (see TextSink). */
    private static final int PAGE = 4096;

    private final LinkContext ctxt;
    private final Loader ldr;
    private SymbolRow[][] pages;
    /** The rows in the order made: a row's {@code index} is its place here. */
    final List<SymbolRow> list;

    SymbolRows(LinkContext ctxt) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        this.pages = new SymbolRow[(ldr.nSym() + PAGE - 1) / PAGE][];
        this.list = new ArrayList<>(ctxt.textp.length + ctxt.datap.length + 1024);
    }

    /** The symbol's row, or null. */
    SymbolRow get(int x) {
        int p = x / PAGE;
        SymbolRow[] page = p < pages.length ? pages[p] : null;
        return page == null ? null : page[x % PAGE];
    }

    /** The symbol's row, made, filled and listed last if it has none yet. */
    SymbolRow row(int x) {
        SymbolRow r = get(x);
        return r != null ? r : add(x);
    }

    private SymbolRow add(int x) {
        int p = x / PAGE;
        if (p >= pages.length) {
            pages = Arrays.copyOf(pages, p + 1); // a symbol the link made after these rows were begun
        }
        SymbolRow[] page = pages[p];
        if (page == null) {
            page = pages[p] = new SymbolRow[PAGE];
        }
        SymbolRow r = new SymbolRow(ldr, x);
        fill(r);
        r.index = list.size();
        page[x % PAGE] = r;
        list.add(r);
        return r;
    }

    /**
     * Fills again each row whose symbol the loader or the layout now describe otherwise. A
     * symbol's package is fixed once loaded (a copy the link takes over keeps its object's); it
     * loses its dupok flag only in becoming such a copy, as the loader gives a copy no flags.
     */
    void refresh() {
        List<List<SymbolRow>> slices = new ArrayList<>();
        for (int from = 0; from < list.size(); from += PAGE) {
            slices.add(list.subList(from, Math.min(list.size(), from + PAGE)));
        }
        // Each row is its own: the slices are checked side by side.
        dev.golink.Parallel.forEach(slices, slice -> {
            for (SymbolRow r : slice) {
                refresh(r); // a method per row: see SizeAttribution.symbol
            }
        });
    }

    private void refresh(SymbolRow r) {
        int x = r.sym;
        if (r.address != ldr.symValue(x) || r.size != ldr.symSize(x) || (r.dupok && ldr.isExternal(x))
                || !r.kind.equals(SymKind.string(symKind(x))) || !r.section.equals(section(x))) {
            fill(r);
        }
    }

    private void fill(SymbolRow r) {
        int x = r.sym;
        Library lib = ldr.symLib(x);
        r.pkg = pkg(lib);
        r.kind = SymKind.string(symKind(x));
        r.address = ldr.symValue(x);
        r.size = ldr.symSize(x);
        r.section = section(x);
        r.dupok = lib != null && ldr.isDupok(x);
    }

    private static String pkg(Library lib) {
        return lib != null ? lib.pkg() : "<linker>";
    }

    private String section(int x) {
        Section sect = ctxt.segments.byIndex(ldr.symSect(x));
        return sect == null ? "" : sect.name;
    }

    /** The symbol's kind as the symbol table groups it. */
    private int symKind(int s) {
        byte[] g = ctxt.symGroupType;
        return g != null && s < g.length && g[s] != 0 ? g[s] : ldr.symType(s);
    }
}
