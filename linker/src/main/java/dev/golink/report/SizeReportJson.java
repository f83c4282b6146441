package dev.golink.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link SizeAttribution} as the JSON document linker/SIZEREPORT.md describes (version 2).
 * The symbols, nearly all of the text, are written in slices side by side, then joined in order.
 */
public final class SizeReportJson {

    public static final String SCHEMA = "golink-sizereport";
    public static final int VERSION = 2;

    /** Symbols per slice: enough to keep each task long, few enough to spread a large program over the cores. */
    private static final int SLICE = 8192;

    private final TextSink b;

    private SizeReportJson(int capacity) {
        b = new TextSink(capacity);
    }

    /** The JSON text in parts, to be written one after the other once the tasks that make them have run. */
    static final class Parts {
        private final TextSink[] texts;
        private final List<Runnable> tasks = new ArrayList<>();

        private Parts(int n) {
            texts = new TextSink[n];
        }

        /** What makes the parts, to be run in any order, side by side. */
        List<Runnable> tasks() {
            return tasks;
        }

        /** The parts, in order, once the tasks have run. */
        List<TextSink> texts() {
            return java.util.Arrays.asList(texts);
        }
    }

    /** The report as JSON text: the part before the symbols, slices of the symbols, the part after them. */
    static Parts parts(SizeAttribution a) {
        List<SizeAttribution.SymbolRow> rows = a.symbols;
        int slices = (rows.size() + SLICE - 1) / SLICE;
        Parts p = new Parts(slices + 2);
        Columns c = new Columns(a);
        p.tasks.add(() -> p.texts[0] = new SizeReportJson(TextSink.capacityFor(0, 0)).head(a, c));
        for (int k = 0; k < slices; k++) {
            int from = k * SLICE;
            List<SizeAttribution.SymbolRow> slice = rows.subList(from, Math.min(rows.size(), from + SLICE));
            int at = k + 1;
            p.tasks.add(() -> p.texts[at] = new SizeReportJson(TextSink.capacityFor(slice.size(), 96))
                    .symbols(slice, at == 1, a.names, c));
        }
        p.tasks.add(() -> p.texts[slices + 1] = new SizeReportJson(
                TextSink.capacityFor(a.dwarf.size() + a.other.size(), 128)).tail(a));
        return p;
    }

    /** Everything before the symbols. */
    private TextSink head(SizeAttribution a, Columns c) {
        b.add("{\n");
        field("schema", SCHEMA).add(",\n");
        b.add("\"version\":").add(VERSION).add(",\n");
        field("target", a.target).add(",\n");
        field("container", a.container).add(",\n");
        b.add("\"fileSize\":").add(a.fileSize).add(",\n");
        totals(a, c);
        packages(c);
        b.add("\"sections\":[");
        String sep = "\n";
        for (SizeAttribution.SectionRow s : a.sections) {
            b.add(sep);
            sep = ",\n";
            b.add('{');
            field("name", s.name()).add(',');
            field("segment", s.segment()).add(',');
            b.add("\"address\":").add(s.address()).add(",\"offset\":").add(s.offset())
                    .add(",\"size\":").add(s.size()).add(",\"fileSize\":").add(s.fileSize())
                    .add(",\"align\":").add(s.align()).add(",\"compressed\":").add(s.compressed())
                    .add(",\"uncompressedSize\":").add(s.uncompressedSize()).add('}');
        }
        b.add("\n],\n");
        strings("symbolSections", c.sections);
        strings("symbolKinds", c.kinds);
        strings("symbolFields", SYMBOL_FIELDS);
        b.add("\"symbols\":[");
        return b;
    }

    /**
     * The columns of a symbol's row, in order. A row ends at its last value that is not the
     * column's default (0, null), so most rows leave the rarer columns out.
     */
    static final List<String> SYMBOL_FIELDS = List.of("name", "package", "section", "kind", "address", "size",
            "fileBytes", "symtabEntry", "symtabString", "shared", "funcdataOf", "functab", "funcname", "pctab", "files",
            "funcdata", "findfunctab", "debugFrame", "symtabName");
    /** Where funcdataOf is among the numbers after fileBytes. */
    private static final int FUNCDATA_OF = 3;

    /** A slice of the symbols; each but the document's first follows a comma. */
    private TextSink symbols(List<SizeAttribution.SymbolRow> rows, boolean first, NameTable names, Columns c) {
        long[] more = new long[11];
        for (int i = 0; i < rows.size(); i++) {
            symbol(rows.get(i), i == 0 && first ? "\n" : ",\n", names, c, more); // see SizeAttribution.symbol
        }
        return b;
    }

    /** A symbol's row, after {@code sep}; {@code more} is room for its last columns. */
    private void symbol(SizeAttribution.SymbolRow r, String sep, NameTable names, Columns c, long[] more) {
        b.add(sep);
        names.json(b.add('['), r.index);
        b.add(',').add(c.pkg[r.index]).add(',').add(c.section[r.index]).add(',').add(c.kind[r.index])
                .add(',').add(r.address).add(',').add(r.size).add(',').add(r.fileBytes);
        more[0] = r.symtabEntry;
        more[1] = r.symtabString;
        more[2] = r.dupok ? 1 : 0;
        more[FUNCDATA_OF] = r.funcdataOf == null ? -1 : r.funcdataOf.index;
        more[4] = r.functab;
        more[5] = r.funcname;
        more[6] = r.pctab;
        more[7] = r.files;
        more[8] = r.funcdata;
        more[9] = r.findfunctab;
        more[10] = r.debugFrame;
        int n = more.length;
        if (r.symtabName == null) {
            while (n > 0 && more[n - 1] == (n - 1 == FUNCDATA_OF ? -1 : 0)) {
                n--;
            }
        }
        for (int i = 0; i < n; i++) {
            if (i == FUNCDATA_OF && more[i] == -1) {
                b.add(",null");
            } else {
                b.add(',').add(more[i]);
            }
        }
        if (r.symtabName != null) {
            b.add(',').json(r.symtabName);
        }
        b.add(']');
    }

    /** Everything after the symbols. */
    private TextSink tail(SizeAttribution a) {
        b.add("\n],\n\"dwarf\":[");
        String sep = "\n";
        for (SizeAttribution.DwarfRow d : a.dwarf) {
            b.add(sep);
            sep = ",\n";
            b.add('{');
            field("section", d.section()).add(',');
            field("package", d.pkg()).add(',');
            b.add("\"uncompressed\":").add(d.uncompressed()).add(",\"fileBytes\":").add(d.fileBytes())
                    .add('}');
        }
        b.add("\n],\n\"other\":[");
        sep = "\n";
        for (SizeAttribution.OtherRow o : a.other) {
            b.add(sep);
            sep = ",\n";
            b.add('{');
            field("category", o.category()).add(',');
            field("name", o.name()).add(',');
            b.add("\"bytes\":").add(o.bytes()).add('}');
        }
        b.add("\n]\n}\n");
        return b;
    }

    private void totals(SizeAttribution a, Columns c) {
        long symbols = 0;
        long pclntab = 0;
        long symtab = 0;
        long dwarf = 0;
        for (long[] v : c.totals) {
            symbols += v[0];
            pclntab += v[1];
            symtab += v[2];
            dwarf += v[3];
        }
        Map<String, Long> other = new LinkedHashMap<>();
        for (SizeAttribution.OtherRow o : a.other) {
            other.merge(o.category(), o.bytes(), Long::sum);
        }
        b.add("\"totals\":{\"symbols\":").add(symbols).add(",\"pclntab\":").add(pclntab)
                .add(",\"symtab\":").add(symtab + other.getOrDefault("symtab", 0L))
                .add(",\"dwarf\":").add(dwarf)
                .add(",\"headers\":").add(other.getOrDefault("header", 0L))
                .add(",\"padding\":").add(other.getOrDefault("padding", 0L)).add("},\n");
    }

    /** Bytes per package (its symbols' contents and shares of the tables, and its DWARF), largest first. */
    private void packages(Columns c) {
        b.add("\"packages\":[");
        String sep = "\n";
        for (int i = 0; i < c.packages.size(); i++) {
            long[] v = c.totals.get(i);
            b.add(sep);
            sep = ",\n";
            b.add('{');
            field("package", c.packages.get(i)).add(',');
            b.add("\"bytes\":").add(v[0] + v[1] + v[2] + v[3]).add(",\"symbols\":").add(v[0])
                    .add(",\"pclntab\":").add(v[1]).add(",\"symtab\":").add(v[2]).add(",\"dwarf\":")
                    .add(v[3]).add('}');
        }
        b.add("\n],\n");
    }

    /** A list of strings, as a field of the document. */
    private void strings(String name, List<String> values) {
        b.add('"').add(name).add("\":[");
        String sep = "";
        for (String v : values) {
            b.add(sep).json(v);
            sep = ",";
        }
        b.add("],\n");
    }

    /**
     * Each symbol's package, section and kind as an index: into the packages (largest first, as
     * the document lists them), the sections and the kinds its symbols have (in the order met).
     */
    static final class Columns {
        final int[] pkg;
        final int[] section;
        final int[] kind;
        final List<String> packages = new ArrayList<>();
        final List<long[]> totals = new ArrayList<>();
        final List<String> sections = new ArrayList<>();
        final List<String> kinds = new ArrayList<>();

        Columns(SizeAttribution a) {
            List<SizeAttribution.SymbolRow> rows = a.symbols;
            pkg = new int[rows.size()];
            section = new int[rows.size()];
            kind = new int[rows.size()];
            Indexer pkgs = new Indexer(packages);
            Indexer sects = new Indexer(sections);
            Indexer kindsMet = new Indexer(kinds);
            List<long[]> sums = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                row(i, rows.get(i), pkgs, sects, kindsMet, sums); // a method per row: see SizeAttribution.symbol
            }
            for (SizeAttribution.DwarfRow d : a.dwarf) {
                sumsOf(sums, pkgs.of(d.pkg()))[3] += d.fileBytes();
            }
            // Largest first, then by name; the rows' indices follow.
            Integer[] order = new Integer[packages.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            List<String> met = new ArrayList<>(packages);
            java.util.Arrays.sort(order, Comparator.comparingLong((Integer i) -> {
                long[] v = sums.get(i);
                return -(v[0] + v[1] + v[2] + v[3]);
            }).thenComparing(met::get));
            int[] rank = new int[order.length];
            packages.clear();
            for (int k = 0; k < order.length; k++) {
                rank[order[k]] = k;
                packages.add(met.get(order[k]));
                totals.add(sums.get(order[k]));
            }
            for (int i = 0; i < pkg.length; i++) {
                pkg[i] = rank[pkg[i]];
            }
        }

        private void row(int i, SizeAttribution.SymbolRow r, Indexer pkgs, Indexer sects, Indexer kindsMet,
                List<long[]> sums) {
            int p = pkgs.of(r.pkg);
            long[] v = sumsOf(sums, p);
            v[0] += r.fileBytes;
            v[1] += r.pclntab();
            v[2] += r.symtabEntry + r.symtabString;
            v[3] += r.debugFrame;
            pkg[i] = p;
            section[i] = sects.of(r.section);
            kind[i] = kindsMet.of(r.kind);
        }
    }

    /** Package {@code p}'s sums (contents, pclntab, symbol table, DWARF), made when it is first met. */
    private static long[] sumsOf(List<long[]> sums, int p) {
        if (p == sums.size()) {
            sums.add(new long[4]);
        }
        return sums.get(p);
    }

    /** Numbers the values met, in order; neighbouring rows mostly repeat the last (the same String). */
    private static final class Indexer {
        private final List<String> values;
        private final Map<String, Integer> index = new java.util.HashMap<>();
        private String last;
        private int lastIndex;

        Indexer(List<String> values) {
            this.values = values;
        }

        int of(String value) {
            if (value != last) {
                lastIndex = index.computeIfAbsent(value, k -> {
                    values.add(k);
                    return values.size() - 1;
                });
                last = value;
            }
            return lastIndex;
        }
    }

    private TextSink field(String name, String value) {
        b.add('"').add(name).add("\":");
        return b.json(value);
    }
}
