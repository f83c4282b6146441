package dev.golink.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * The data segments that initialize linear memory (cf. wasm.writeDataSec):
 * runs of zeros are left out, since memory starts zeroed, whenever leaving
 * them out saves more than a new segment costs; leading zeros of a section
 * always are.
 */
final class DataSegments {

    /**
     * The estimated cost of one more segment in bytes (the figure wasm-opt's
     * memory packing uses): a zero run shorter than this stays in.
     */
    static final int SEGMENT_OVERHEAD = 8;

    /** Some runtimes refuse modules with more segments than this. */
    static final int MAX_NUM_SEGMENTS = 100_000;

    /** A segment: {@code length} bytes of {@code data} from {@code from}, placed at {@code offset}. */
    record Segment(int offset, byte[] data, int from, int length) {
    }

    private DataSegments() {
    }

    static List<Segment> split(List<DataSect> sects) {
        return split(sects, MAX_NUM_SEGMENTS);
    }

    /** The segments of {@code sects}, in order, at most {@code maxNumSegments} of them. */
    static List<Segment> split(List<DataSect> sects, int maxNumSegments) {
        List<Segment> segments = new ArrayList<>();
        for (int secIndex = 0; secIndex < sects.size(); secIndex++) {
            DataSect ds = sects.get(secIndex);
            byte[] data = ds.data();
            int start = 0;
            int end = data.length;
            int offset = (int) ds.vaddr();
            while (start < end && data[start] == 0) {
                start++;
                offset++;
            }
            while (start < end) {
                int dataLen = end - start;
                int segmentEnd = 0;
                int zeroEnd;
                if (segments.size() + (sects.size() - secIndex) == maxNumSegments) {
                    // The last segment allowed for this section takes the rest.
                    segmentEnd = dataLen;
                    zeroEnd = dataLen;
                } else {
                    while (true) {
                        while (segmentEnd < dataLen && data[start + segmentEnd] != 0) {
                            segmentEnd++;
                        }
                        zeroEnd = segmentEnd;
                        while (zeroEnd < dataLen && data[start + zeroEnd] == 0) {
                            zeroEnd++;
                        }
                        if (zeroEnd - segmentEnd >= SEGMENT_OVERHEAD || zeroEnd == dataLen) {
                            break;
                        }
                        segmentEnd = zeroEnd;
                    }
                }
                segments.add(new Segment(offset, data, start, segmentEnd));
                start += zeroEnd;
                offset += zeroEnd;
            }
        }
        return segments;
    }
}
