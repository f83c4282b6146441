package dev.golink.report;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WasmMemoryTest {

    /** Memory 100..110 at file offset 1000, 120..130 at 2000: the zeros 110..120 were left out. */
    private final WasmMemory mem = new WasmMemory(new long[] {100, 120}, new long[] {1000, 2000}, new int[] {10, 10});

    @Test
    void heldCountsOnlyTheBytesSegmentsHold() {
        assertEquals(10, mem.held(100, 10));
        assertEquals(0, mem.held(110, 10), "the zero run left out");
        assertEquals(10, mem.held(105, 20), "5 of the first segment, 5 of the second");
        assertEquals(20, mem.held(0, 1000));
        assertEquals(0, mem.held(130, 8), "past the last segment");
    }

    @Test
    void claimsTheFileBytesThatHoldTheRange() {
        Coverage c = new Coverage(1);
        mem.claim(105, 20, "sym", c);
        c.add(1000, 5, "before");
        // Claimed: 1000..1010 and 2000..2005 (each gap is named by the claim after it).
        assertEquals(Map.of("before", 1000L, "sym", 990L, "end of file", 15L), c.gaps(2020));
    }

    @Test
    void refusesOverlappingSegments() {
        assertThrows(IllegalStateException.class,
                () -> new WasmMemory(new long[] {100, 105}, new long[] {0, 50}, new int[] {10, 10}));
    }
}
