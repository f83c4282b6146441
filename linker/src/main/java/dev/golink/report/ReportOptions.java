package dev.golink.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What golink reports about a link besides the output (golink's own flags; cmd/link has none of
 * them). None of them changes a byte of the output.
 *
 * @param sizeReport {@code -sizereport=FILE.json}: where every byte of the output came from, or null
 * @param whyKept    {@code -whykept=PATTERN} (repeatable): the symbols whose chain from a root to print
 * @param map        {@code -map=FILE}: the link map, or null
 */
public record ReportOptions(Path sizeReport, List<String> whyKept, Path map) {

    /** No report. */
    public static final ReportOptions NONE = new ReportOptions(null, List.of(), null);

    public ReportOptions {
        whyKept = List.copyOf(whyKept);
    }

    /** Whether the dead-code pass must keep its whole graph (for -whykept). */
    public boolean needsGraph() {
        return !whyKept.isEmpty();
    }
}
