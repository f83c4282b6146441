package dev.golink.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The growth from one size report to another, per package and per symbol, largest growth first:
 * what {@code golink size-diff} prints and what the Maven goal's size budget names.
 */
public final class SizeDiff {

    /** One package's or symbol's bytes before and after (0 where it was absent). */
    public record Row(String name, long before, long after) {
        public long growth() {
            return after - before;
        }
    }

    public final SizeReportFile before;
    public final SizeReportFile after;
    /** Packages whose bytes changed, largest growth first (ties by name). */
    public final List<Row> packages;
    /** Symbols whose bytes changed, largest growth first (ties by name). */
    public final List<Row> symbols;

    public SizeDiff(SizeReportFile before, SizeReportFile after) {
        this.before = before;
        this.after = after;
        this.packages = rows(before.packages(), after.packages());
        this.symbols = rows(before.symbols(), after.symbols());
    }

    private static List<Row> rows(Map<String, Long> before, Map<String, Long> after) {
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            Row r = new Row(name, before.getOrDefault(name, 0L), after.getOrDefault(name, 0L));
            if (r.growth() != 0) {
                rows.add(r);
            }
        }
        rows.sort(Comparator.comparingLong((Row r) -> -r.growth()).thenComparing(Row::name));
        return rows;
    }

    /** The file's growth in bytes. */
    public long growth() {
        return after.fileSize() - before.fileSize();
    }

    /**
     * The diff as text: the file's sizes, then every package that changed, then the {@code top}
     * symbols that grew most and the {@code top} that shrank most (all of them if {@code top} is negative).
     */
    public String text(String beforeName, String afterName, int top) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "size-diff %s (%s) -> %s (%s)%n", beforeName, before.target(), afterName,
                after.target()));
        b.append(String.format(Locale.ROOT, "file: %d -> %d bytes, %s%n", before.fileSize(), after.fileSize(),
                change(before.fileSize(), after.fileSize())));
        b.append(String.format(Locale.ROOT, "%npackages (%d changed), by growth:%n", packages.size()));
        for (Row r : packages) {
            line(b, r, "");
        }
        List<Row> shown = symbols;
        int omitted = 0;
        if (top >= 0 && symbols.size() > 2 * top) {
            shown = new ArrayList<>(symbols.subList(0, top));
            shown.addAll(symbols.subList(symbols.size() - top, symbols.size()));
            omitted = symbols.size() - 2 * top;
        }
        b.append(String.format(Locale.ROOT, "%nsymbols (%d changed), by growth:%n", symbols.size()));
        for (int i = 0; i < shown.size(); i++) {
            if (omitted > 0 && i == top) {
                b.append(String.format(Locale.ROOT, "  ... %d more (-top=N shows more, -top=-1 all)%n", omitted));
            }
            Row r = shown.get(i);
            String pkg = after.packageOf().getOrDefault(r.name(), before.packageOf().get(r.name()));
            line(b, r, pkg == null ? "" : "  [" + pkg + "]");
        }
        return b.toString();
    }

    private static void line(StringBuilder b, Row r, String suffix) {
        b.append(String.format(Locale.ROOT, "  %+10d  %-9s %s  (%d -> %d)%s%n", r.growth(),
                r.before() == 0 ? "new" : r.after() == 0 ? "gone" : percent(r.before(), r.after()), r.name(),
                r.before(), r.after(), suffix));
    }

    /** "+1234 bytes (+1.5%)". */
    public static String change(long before, long after) {
        return String.format(Locale.ROOT, "%+d bytes (%s)", after - before, percent(before, after));
    }

    private static String percent(long before, long after) {
        return before == 0 ? "new" : String.format(Locale.ROOT, "%+.1f%%", 100.0 * (after - before) / before);
    }
}
