package dev.golink.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runs of the file that owners claim: no two may overlap, and what lies between them is
 * alignment padding. Proves that each byte has at most one owner.
 */
final class Coverage {

    private long[] starts;
    private long[] ends;
    private String[] places;
    private int n;

    /** Room for about {@code expected} claims: sized once, not grown through arrays G1 allocates outside the young generation. */
    Coverage(int expected) {
        int capacity = Math.max(16, expected);
        starts = new long[capacity];
        ends = new long[capacity];
        places = new String[capacity];
    }

    /** Claims [offset, offset + size) for the owner found at {@code place} (a section or header's name). */
    void add(long offset, long size, String place) {
        if (size == 0) {
            return;
        }
        if (n == starts.length) {
            starts = Arrays.copyOf(starts, n + n / 2);
            ends = Arrays.copyOf(ends, n + n / 2);
            places = Arrays.copyOf(places, n + n / 2);
        }
        starts[n] = offset;
        ends[n] = offset + size;
        places[n++] = place;
    }

    /**
     * The unclaimed bytes of a file of {@code fileSize} bytes, by the place that follows each gap
     * ("end of file" for the last); fails if two claims overlap or one passes the end.
     */
    Map<String, Long> gaps(long fileSize) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(starts[a], starts[b]));
        Map<String, Long> gaps = new LinkedHashMap<>();
        long pos = 0;
        String prev = "the start of the file";
        for (int i : order) {
            if (starts[i] < pos) {
                throw new IllegalStateException("size report: bytes at offset " + starts[i] + " of " + places[i]
                        + " are claimed twice (also by " + prev + ")");
            }
            if (starts[i] > pos) {
                gaps.merge(places[i], starts[i] - pos, Long::sum);
            }
            pos = ends[i];
            prev = places[i];
        }
        if (pos > fileSize) {
            throw new IllegalStateException("size report: " + prev + " ends at " + pos + ", past the end of the file ("
                    + fileSize + ")");
        }
        if (pos < fileSize) {
            gaps.merge("end of file", fileSize - pos, Long::sum);
        }
        return gaps;
    }
}
