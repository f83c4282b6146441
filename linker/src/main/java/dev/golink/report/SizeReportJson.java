package dev.golink.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a {@link SizeAttribution} as the JSON document linker/SIZEREPORT.md describes (version 1). */
public final class SizeReportJson {

    public static final String SCHEMA = "golink-sizereport";
    public static final int VERSION = 1;

    private final StringBuilder b = new StringBuilder(1 << 20);

    private SizeReportJson() {
    }

    /** The report as JSON text. */
    public static String of(SizeAttribution a) {
        return new SizeReportJson().document(a);
    }

    private String document(SizeAttribution a) {
        b.append("{\n");
        field("schema", SCHEMA).append(",\n");
        b.append("\"version\":").append(VERSION).append(",\n");
        field("target", a.target).append(",\n");
        field("container", a.container).append(",\n");
        b.append("\"fileSize\":").append(a.fileSize).append(",\n");
        totals(a);
        packages(a);
        b.append("\"sections\":[");
        String sep = "\n";
        for (SizeAttribution.SectionRow s : a.sections) {
            b.append(sep);
            sep = ",\n";
            b.append('{');
            field("name", s.name()).append(',');
            field("segment", s.segment()).append(',');
            b.append("\"address\":").append(s.address()).append(",\"offset\":").append(s.offset())
                    .append(",\"size\":").append(s.size()).append(",\"fileSize\":").append(s.fileSize())
                    .append(",\"align\":").append(s.align()).append(",\"compressed\":").append(s.compressed())
                    .append(",\"uncompressedSize\":").append(s.uncompressedSize()).append('}');
        }
        b.append("\n],\n\"symbols\":[");
        sep = "\n";
        for (SizeAttribution.SymbolRow r : a.symbols) {
            b.append(sep);
            sep = ",\n";
            b.append('{');
            field("name", r.name).append(',');
            if (r.symtabName != null) {
                field("symtabName", r.symtabName).append(',');
            }
            field("package", r.pkg).append(',');
            field("section", r.section).append(',');
            field("kind", r.kind).append(',');
            b.append("\"address\":").append(r.address).append(",\"size\":").append(r.size)
                    .append(",\"fileBytes\":").append(r.fileBytes);
            if (r.pclntab() != 0) {
                b.append(",\"pclntab\":{\"functab\":").append(r.functab).append(",\"funcname\":").append(r.funcname)
                        .append(",\"pctab\":").append(r.pctab).append(",\"files\":").append(r.files)
                        .append(",\"funcdata\":").append(r.funcdata).append('}');
            }
            if (r.funcdataOf != null) {
                b.append(',');
                field("funcdataOf", r.funcdataOf);
            }
            if (r.symtabEntry != 0) {
                b.append(",\"symtab\":{\"entry\":").append(r.symtabEntry).append(",\"name\":")
                        .append(r.symtabString).append('}');
            }
            if (r.dupok) {
                b.append(",\"shared\":true");
            }
            b.append('}');
        }
        b.append("\n],\n\"dwarf\":[");
        sep = "\n";
        for (SizeAttribution.DwarfRow d : a.dwarf) {
            b.append(sep);
            sep = ",\n";
            b.append('{');
            field("section", d.section()).append(',');
            field("package", d.pkg()).append(',');
            b.append("\"uncompressed\":").append(d.uncompressed()).append(",\"fileBytes\":").append(d.fileBytes())
                    .append('}');
        }
        b.append("\n],\n\"other\":[");
        sep = "\n";
        for (SizeAttribution.OtherRow o : a.other) {
            b.append(sep);
            sep = ",\n";
            b.append('{');
            field("category", o.category()).append(',');
            field("name", o.name()).append(',');
            b.append("\"bytes\":").append(o.bytes()).append('}');
        }
        b.append("\n]\n}\n");
        return b.toString();
    }

    private void totals(SizeAttribution a) {
        long symbols = 0;
        long pclntab = 0;
        long symtab = 0;
        for (SizeAttribution.SymbolRow r : a.symbols) {
            symbols += r.fileBytes;
            pclntab += r.pclntab();
            symtab += r.symtabEntry + r.symtabString;
        }
        long dwarf = 0;
        for (SizeAttribution.DwarfRow d : a.dwarf) {
            dwarf += d.fileBytes();
        }
        Map<String, Long> other = new LinkedHashMap<>();
        for (SizeAttribution.OtherRow o : a.other) {
            other.merge(o.category(), o.bytes(), Long::sum);
        }
        b.append("\"totals\":{\"symbols\":").append(symbols).append(",\"pclntab\":").append(pclntab)
                .append(",\"symtab\":").append(symtab + other.getOrDefault("symtab", 0L))
                .append(",\"dwarf\":").append(dwarf)
                .append(",\"headers\":").append(other.getOrDefault("header", 0L))
                .append(",\"padding\":").append(other.getOrDefault("padding", 0L)).append("},\n");
    }

    /** Bytes per package: its symbols' contents and shares of the tables, and its DWARF. */
    private void packages(SizeAttribution a) {
        Map<String, long[]> byPkg = new LinkedHashMap<>();
        for (SizeAttribution.SymbolRow r : a.symbols) {
            long[] v = byPkg.computeIfAbsent(r.pkg, k -> new long[4]);
            v[0] += r.fileBytes;
            v[1] += r.pclntab();
            v[2] += r.symtabEntry + r.symtabString;
        }
        for (SizeAttribution.DwarfRow d : a.dwarf) {
            byPkg.computeIfAbsent(d.pkg(), k -> new long[4])[3] += d.fileBytes();
        }
        List<Map.Entry<String, long[]>> list = new ArrayList<>(byPkg.entrySet());
        list.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -(e.getValue()[0] + e.getValue()[1]
                + e.getValue()[2] + e.getValue()[3])).thenComparing(Map.Entry::getKey));
        b.append("\"packages\":[");
        String sep = "\n";
        for (Map.Entry<String, long[]> e : list) {
            long[] v = e.getValue();
            b.append(sep);
            sep = ",\n";
            b.append('{');
            field("package", e.getKey()).append(',');
            b.append("\"bytes\":").append(v[0] + v[1] + v[2] + v[3]).append(",\"symbols\":").append(v[0])
                    .append(",\"pclntab\":").append(v[1]).append(",\"symtab\":").append(v[2]).append(",\"dwarf\":")
                    .append(v[3]).append('}');
        }
        b.append("\n],\n");
    }

    private StringBuilder field(String name, String value) {
        b.append('"').append(name).append("\":");
        return string(b, value);
    }

    /** Appends {@code s} as a JSON string; a byte that was not UTF-8 (a lone surrogate here) stays escaped. */
    static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validPair(s, i)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
