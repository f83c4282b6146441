package dev.golink.wasm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DataSegmentsTest {

    /** Each segment as "offset:hex". */
    private static List<String> describe(List<DataSegments.Segment> segs) {
        List<String> out = new ArrayList<>();
        for (DataSegments.Segment s : segs) {
            StringBuilder b = new StringBuilder().append(s.offset()).append(':');
            for (int i = 0; i < s.length(); i++) {
                b.append(String.format("%02x", s.data()[s.from() + i]));
            }
            out.add(b.toString());
        }
        return out;
    }

    private static DataSect sect(long vaddr, int... b) {
        byte[] a = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            a[i] = (byte) b[i];
        }
        return new DataSect("s", vaddr, a);
    }

    @Test
    void leadingAndTrailingZerosAreLeftOut() {
        assertEquals(List.of("102:0102"), describe(DataSegments.split(List.of(sect(100, 0, 0, 1, 2, 0, 0, 0)))));
    }

    @Test
    void shortZeroRunsStayLongOnesSplit() {
        // 7 zeros cost less than a segment; 8 do not.
        DataSect s = sect(0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3);
        assertEquals(List.of("0:010000000000000002", "17:03"), describe(DataSegments.split(List.of(s))));
    }

    @Test
    void allZeroSectionHasNoSegment() {
        assertEquals(List.of("8:05"), describe(DataSegments.split(List.of(sect(0, 0, 0, 0), sect(4, 0, 0, 0, 0, 5)))));
    }

    @Test
    void segmentLimitLeavesEachLaterSectionOne() {
        int[] b = {1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3};
        // Three allowed for two sections: the first section may use two, then takes the rest in its second.
        List<String> got = describe(DataSegments.split(List.of(sect(0, b), sect(100, b)), 3));
        assertEquals(List.of("0:01", "9:02000000000000000003", "100:01000000000000000002000000000000000003"), got);
    }
}
