package dev.golink.report;

import dev.golink.wasm.WasmLayout;

import java.util.List;

/**
 * js/wasm: which bytes of linear memory the module's data segments hold, and where they are in
 * the file. The writer leaves long runs of zeros out (memory starts zeroed), so a data symbol
 * owns only the bytes of it that some segment holds.
 */
final class WasmMemory {

    private final long[] address;
    private final long[] fileOffset;
    private final int[] length;

    WasmMemory(WasmLayout layout) {
        this(addresses(layout.dataSegments()), fileOffsets(layout.dataSegments()), lengths(layout.dataSegments()));
    }

    /** Segment i holds {@code length[i]} bytes of memory from {@code address[i]} at {@code fileOffset[i]}, in address order. */
    WasmMemory(long[] address, long[] fileOffset, int[] length) {
        this.address = address;
        this.fileOffset = fileOffset;
        this.length = length;
        for (int i = 1; i < address.length; i++) {
            if (address[i] < address[i - 1] + length[i - 1]) {
                throw new IllegalStateException("wasm data segments overlap or are out of order at " + address[i]);
            }
        }
    }

    private static long[] addresses(List<WasmLayout.DataSegment> segs) {
        return segs.stream().mapToLong(WasmLayout.DataSegment::address).toArray();
    }

    private static long[] fileOffsets(List<WasmLayout.DataSegment> segs) {
        return segs.stream().mapToLong(s -> s.offset() + s.headerBytes()).toArray();
    }

    private static int[] lengths(List<WasmLayout.DataSegment> segs) {
        return segs.stream().mapToInt(WasmLayout.DataSegment::length).toArray();
    }

    /** The bytes of memory [{@code from}, {@code from + n}) that the file holds. */
    long held(long from, long n) {
        long held = 0;
        long end = from + n;
        for (int i = first(from); i < address.length && address[i] < end; i++) {
            held += Math.min(end, address[i] + length[i]) - Math.max(from, address[i]);
        }
        return held;
    }

    /** Claims in {@code coverage} the file bytes that hold memory [{@code from}, {@code from + n}). */
    void claim(long from, long n, String place, Coverage coverage) {
        long end = from + n;
        for (int i = first(from); i < address.length && address[i] < end; i++) {
            long a = Math.max(from, address[i]);
            long b = Math.min(end, address[i] + length[i]);
            coverage.add(fileOffset[i] + a - address[i], b - a, place);
        }
    }

    /** The first segment that ends after {@code from}. */
    private int first(long from) {
        int lo = 0;
        int hi = address.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (address[mid] + length[mid] <= from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
