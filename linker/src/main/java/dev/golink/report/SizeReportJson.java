package dev.golink.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link SizeAttribution} as the JSON document linker/SIZEREPORT.md describes (version 1).
 * The symbols, nearly all of the text, are written in slices side by side, then joined in order.
 */
public final class SizeReportJson {

    public static final String SCHEMA = "golink-sizereport";
    public static final int VERSION = 1;

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
        p.tasks.add(() -> p.texts[0] = new SizeReportJson(TextSink.capacityFor(0, 0)).head(a));
        for (int k = 0; k < slices; k++) {
            int from = k * SLICE;
            List<SizeAttribution.SymbolRow> slice = rows.subList(from, Math.min(rows.size(), from + SLICE));
            int at = k + 1;
            p.tasks.add(() -> p.texts[at] = new SizeReportJson(TextSink.capacityFor(slice.size(), 256))
                    .symbols(slice, at == 1, a.names));
        }
        p.tasks.add(() -> p.texts[slices + 1] = new SizeReportJson(
                TextSink.capacityFor(a.dwarf.size() + a.other.size(), 128)).tail(a));
        return p;
    }

    /** Everything before the symbols. */
    private TextSink head(SizeAttribution a) {
        b.add("{\n");
        field("schema", SCHEMA).add(",\n");
        b.add("\"version\":").add(VERSION).add(",\n");
        field("target", a.target).add(",\n");
        field("container", a.container).add(",\n");
        b.add("\"fileSize\":").add(a.fileSize).add(",\n");
        totals(a);
        packages(a);
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
        b.add("\n],\n\"symbols\":[");
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    // The keys every symbol repeats, encoded once.
    private static final byte[] NAME = ascii("{\"name\":");
    private static final byte[] SYMTAB_NAME = ascii(",\"symtabName\":");
    private static final byte[] ADDRESS = ascii("\"address\":");
    private static final byte[] SIZE = ascii(",\"size\":");
    private static final byte[] FILE_BYTES = ascii(",\"fileBytes\":");
    private static final byte[] FUNCTAB = ascii(",\"pclntab\":{\"functab\":");
    private static final byte[] FUNCNAME = ascii(",\"funcname\":");
    private static final byte[] PCTAB = ascii(",\"pctab\":");
    private static final byte[] FILES = ascii(",\"files\":");
    private static final byte[] FUNCDATA = ascii(",\"funcdata\":");
    private static final byte[] FINDFUNCTAB = ascii(",\"findfunctab\":");
    private static final byte[] FRAME = ascii(",\"dwarf\":{\"frame\":");
    private static final byte[] FUNCDATA_OF = ascii(",\"funcdataOf\":");
    private static final byte[] SYMTAB_ENTRY = ascii(",\"symtab\":{\"entry\":");
    private static final byte[] SYMTAB_STRING = ascii(",\"name\":");
    private static final byte[] SHARED = ascii(",\"shared\":true");

    /** A slice of the symbols; each but the document's first follows a comma. */
    private TextSink symbols(List<SizeAttribution.SymbolRow> rows, boolean first, NameTable names) {
        String sep = first ? "\n" : ",\n";
        for (SizeAttribution.SymbolRow r : rows) {
            b.add(sep);
            sep = ",\n";
            names.json(b.add(NAME), r.index);
            if (r.symtabName != null) {
                b.add(SYMTAB_NAME).json(r.symtabName);
            }
            b.add(',');
            b.add(packageNames.encoded(r.pkg)).add(',');
            b.add(sectionNames.encoded(r.section)).add(',');
            b.add(kinds.encoded(r.kind)).add(',');
            b.add(ADDRESS).add(r.address).add(SIZE).add(r.size).add(FILE_BYTES).add(r.fileBytes);
            if (r.pclntab() != 0) {
                b.add(FUNCTAB).add(r.functab).add(FUNCNAME).add(r.funcname).add(PCTAB).add(r.pctab)
                        .add(FILES).add(r.files).add(FUNCDATA).add(r.funcdata).add(FINDFUNCTAB)
                        .add(r.findfunctab).add('}');
            }
            if (r.debugFrame != 0) {
                b.add(FRAME).add(r.debugFrame).add('}');
            }
            if (r.funcdataOf != null) {
                names.json(b.add(FUNCDATA_OF), r.funcdataOf.index);
            }
            if (r.symtabEntry != 0) {
                b.add(SYMTAB_ENTRY).add(r.symtabEntry).add(SYMTAB_STRING).add(r.symtabString).add('}');
            }
            if (r.dupok) {
                b.add(SHARED);
            }
            b.add('}');
        }
        return b;
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

    private void totals(SizeAttribution a) {
        long symbols = 0;
        long pclntab = 0;
        long symtab = 0;
        long dwarf = 0;
        for (SizeAttribution.SymbolRow r : a.symbols) {
            symbols += r.fileBytes;
            pclntab += r.pclntab();
            symtab += r.symtabEntry + r.symtabString;
            dwarf += r.debugFrame;
        }
        for (SizeAttribution.DwarfRow d : a.dwarf) {
            dwarf += d.fileBytes();
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

    /** Bytes per package: its symbols' contents and shares of the tables, and its DWARF. */
    private void packages(SizeAttribution a) {
        Map<String, long[]> byPkg = new LinkedHashMap<>();
        for (SizeAttribution.SymbolRow r : a.symbols) {
            long[] v = byPkg.computeIfAbsent(r.pkg, k -> new long[4]);
            v[0] += r.fileBytes;
            v[1] += r.pclntab();
            v[2] += r.symtabEntry + r.symtabString;
            v[3] += r.debugFrame;
        }
        for (SizeAttribution.DwarfRow d : a.dwarf) {
            byPkg.computeIfAbsent(d.pkg(), k -> new long[4])[3] += d.fileBytes();
        }
        List<Map.Entry<String, long[]>> list = new ArrayList<>(byPkg.entrySet());
        list.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -(e.getValue()[0] + e.getValue()[1]
                + e.getValue()[2] + e.getValue()[3])).thenComparing(Map.Entry::getKey));
        b.add("\"packages\":[");
        String sep = "\n";
        for (Map.Entry<String, long[]> e : list) {
            long[] v = e.getValue();
            b.add(sep);
            sep = ",\n";
            b.add('{');
            field("package", e.getKey()).add(',');
            b.add("\"bytes\":").add(v[0] + v[1] + v[2] + v[3]).add(",\"symbols\":").add(v[0])
                    .add(",\"pclntab\":").add(v[1]).add(",\"symtab\":").add(v[2]).add(",\"dwarf\":")
                    .add(v[3]).add('}');
        }
        b.add("\n],\n");
    }

    /**
     * One of the few values every symbol repeats (its package, section and kind), each
     * "name":"value" encoded once; keyed by value (the same String objects, whose hashes are
     * kept), and the last one at hand, since neighbouring symbols mostly share it.
     */
    private static final class Repeated {
        private final String name;
        private final Map<String, byte[]> encoded = new java.util.HashMap<>();
        private String last;
        private byte[] lastEncoded;

        Repeated(String name) {
            this.name = name;
        }

        byte[] encoded(String value) {
            if (value != last) { // the same object: its encoding is at hand
                lastEncoded = encoded.computeIfAbsent(value,
                        k -> new TextSink(64).add('"').add(name).add("\":").json(k).bytes());
                last = value;
            }
            return lastEncoded;
        }
    }

    private final Repeated packageNames = new Repeated("package");
    private final Repeated sectionNames = new Repeated("section");
    private final Repeated kinds = new Repeated("kind");

    private TextSink field(String name, String value) {
        b.add('"').add(name).add("\":");
        return b.json(value);
    }
}
