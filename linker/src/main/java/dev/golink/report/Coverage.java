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

    /** Claim {@code i}'s start above its number, which takes {@code bits}. */
    private long key(int i, int bits) {
        if (starts[i] < 0 || starts[i] >= 1L << (63 - bits)) {
            throw new IllegalStateException("size report: a claim at offset " + starts[i] + " of " + places[i]);
        }
        return starts[i] << bits | i;
    }

    /** The claims in the order of the file, and the gaps between them so far. */
    private final class Walk {
        final Map<String, Long> gaps = new LinkedHashMap<>();
        long pos;
        String prev = "the start of the file";

        void next(int i) {
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
    }

    /**
     * The unclaimed bytes of a file of {@code fileSize} bytes, by the place that follows each gap
     * ("end of file" for the last); fails if two claims overlap or one passes the end.
     */
    Map<String, Long> gaps(long fileSize) {
        // By start, then by the order claimed: each claim's start above its number, sorted as longs.
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = key(i, bits);
        }
        Arrays.sort(order);
        long mask = (1L << bits) - 1;
        Walk w = new Walk();
        for (long o : order) {
            w.next((int) (o & mask)); // a method per claim: see SizeAttribution.symbol
        }
        if (w.pos > fileSize) {
            throw new IllegalStateException("size report: " + w.prev + " ends at " + w.pos
                    + ", past the end of the file (" + fileSize + ")");
        }
        if (w.pos < fileSize) {
            w.gaps.merge("end of file", fileSize - w.pos, Long::sum);
        }
        return w.gaps;
    }
}
