package dev.golink.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Compares an executable with the record of cmd/link's output and, when they
 * differ, says where: the first differing byte (exactly, when the reference file
 * itself is at hand; else within a 4 KiB chunk), the section and symbol that hold
 * it, and what differs in the section and symbol tables.
 */
public final class RecordComparison {

    private static final int MAX_FINDINGS = 12;

    private RecordComparison() {
    }

    /**
     * @param expected  the record of cmd/link's output
     * @param actual    golink's output
     * @param reference cmd/link's output itself, or null when only its record is kept
     * @return null when {@code actual} is byte-identical to what {@code expected} records
     */
    public static Difference compare(Record expected, byte[] actual, byte[] reference) {
        String actualSha = Recorder.sha256(actual, 0, actual.length);
        if (actual.length == expected.fileSize() && actualSha.equals(expected.fileSha256())) {
            return null;
        }
        List<String> findings = new ArrayList<>();
        if (actual.length != expected.fileSize()) {
            findings.add("file size: expected " + expected.fileSize() + ", golink wrote " + actual.length);
        }

        long start, end;
        boolean exact;
        if (reference != null && Recorder.sha256(reference, 0, reference.length).equals(expected.fileSha256())) {
            long m = Arrays.mismatch(reference, actual);
            start = m;
            end = m + 1;
            exact = true;
        } else {
            long[] range = firstDifferingChunk(expected, actual);
            start = range[0];
            end = range[1];
            exact = end - start <= 1;
        }

        // Which of the reference's sections and symbols, laid over golink's bytes, differ first.
        Record.Entry section = firstDiffering(expected.sections(), actual, start, end);
        Record.Entry symbol = firstDiffering(expected.symbols(), actual, start, end);
        if (exact) {
            Record.Entry s = expected.sectionAt(start);
            section = s != null ? s : section;
            Record.Entry y = expected.symbolAt(start);
            symbol = y != null ? y : symbol;
        } else if (symbol != null) {
            // Narrow the range to the symbol's bytes within the chunk.
            start = Math.max(start, symbol.offset());
            end = Math.min(end, symbol.offset() + symbol.size());
        }

        Record actualRecord = null;
        try {
            actualRecord = Recorder.record(actual);
        } catch (MalformedBinaryException e) {
            findings.add("golink's output cannot be read: " + e.getMessage());
        }
        if (actualRecord != null) {
            if (!actualRecord.format().equals(expected.format())) {
                findings.add("format: expected " + expected.format() + ", found " + actualRecord.format());
            }
            compareTables("section", expected.sections(), actualRecord.sections(), findings);
            compareTables("segment", expected.segments(), actualRecord.segments(), findings);
            compareTables("symbol", expected.symbols(), actualRecord.symbols(), findings);
        }
        if (findings.isEmpty()) {
            findings.add("bytes differ");
        }
        return new Difference(start, end, exact, section == null ? null : section.name(),
                symbol == null ? null : symbol.name(), findings);
    }

    /** The first 4 KiB chunk whose hash differs, or the point where the shorter file ends. */
    private static long[] firstDifferingChunk(Record expected, byte[] actual) {
        List<String> chunks = expected.chunks();
        int size = Recorder.CHUNK_SIZE;
        for (int k = 0; k < chunks.size(); k++) {
            long off = (long) k * size;
            int len = (int) Math.min(size, actual.length - off);
            if (len <= 0) {
                return new long[] {actual.length, actual.length + 1};
            }
            if (!Recorder.sha256(actual, (int) off, len).substring(0, 16).equals(chunks.get(k))) {
                return new long[] {off, off + Math.max(len, Math.min(size, expected.fileSize() - off))};
            }
        }
        return new long[] {expected.fileSize(), expected.fileSize() + 1};
    }

    /** The entry, in file order, that overlaps [start, end) and whose bytes differ in {@code actual}. */
    private static Record.Entry firstDiffering(List<Record.Entry> entries, byte[] actual, long start, long end) {
        return entries.stream()
                .filter(e -> e.hasBytes() && e.size() > 0 && e.offset() < end && e.offset() + e.size() > start)
                .sorted(Comparator.comparingLong(Record.Entry::offset))
                .filter(e -> !bytesMatch(e, actual))
                .findFirst().orElse(null);
    }

    private static boolean bytesMatch(Record.Entry e, byte[] actual) {
        long off = e.offset(), n = e.size();
        if (off + n > actual.length) {
            return false;
        }
        return Recorder.sha256(actual, (int) off, (int) n).equals(e.sha256());
    }

    /** Reports the first few rows where two tables (sections, segments, symbols) disagree. */
    private static void compareTables(String kind, List<Record.Entry> expected, List<Record.Entry> actual,
                                      List<String> findings) {
        if (expected.size() != actual.size()) {
            findings.add(kind + " count: expected " + expected.size() + ", found " + actual.size());
        }
        int reported = 0;
        for (int i = 0; i < Math.max(expected.size(), actual.size()) && reported < 3 && findings.size() < MAX_FINDINGS; i++) {
            Record.Entry e = i < expected.size() ? expected.get(i) : null;
            Record.Entry a = i < actual.size() ? actual.get(i) : null;
            if (Objects.equals(e, a)) {
                continue;
            }
            reported++;
            if (a == null) {
                findings.add(kind + " #" + i + " " + e.name() + ": missing from golink's output");
            } else if (e == null) {
                findings.add(kind + " #" + i + " " + a.name() + ": extra in golink's output");
            } else if (!e.name().equals(a.name())) {
                boolean elsewhere = actual.stream().anyMatch(x -> x.name().equals(e.name()));
                findings.add(kind + " #" + i + ": expected " + e.name() + ", found " + a.name()
                        + (elsewhere ? " (order differs: " + e.name() + " is elsewhere)"
                                     : " (" + e.name() + " is missing from golink's output)"));
                if (!elsewhere) {
                    continue;
                }
                return; // after a reordering every later row differs: one report is enough
            } else if (!e.header().equals(a.header())) {
                findings.add(kind + " " + e.name() + ": expected [" + String.join(" ", e.header()) + "], found ["
                        + String.join(" ", a.header()) + "]");
            } else {
                findings.add(kind + " " + e.name() + ": bytes differ (offset " + e.offset() + ", " + e.size() + " bytes)");
            }
        }
    }
}
