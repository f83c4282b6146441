package dev.golink.report;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoverageTest {

    @Test
    void gapsAreNamedByWhatFollowsThem() {
        Coverage c = new Coverage(1);
        c.add(64, 36, ".text"); // claimed out of order
        c.add(0, 60, "header");
        c.add(100, 0, "empty"); // claims nothing
        c.add(104, 6, ".data");
        assertEquals(Map.of(".text", 4L, ".data", 4L, "end of file", 10L), c.gaps(120));
    }

    @Test
    void bytesClaimedTwiceOrPastTheEndAreAnError() {
        Coverage c = new Coverage(1);
        c.add(0, 10, "a");
        c.add(9, 2, "b");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.gaps(100));
        assertTrue(e.getMessage().contains("offset 9 of b are claimed twice (also by a)"), e.getMessage());
        Coverage d = new Coverage(1);
        d.add(0, 10, "a");
        assertThrows(IllegalStateException.class, () -> d.gaps(5));
    }

    @Test
    void claimsAtTheSameOffsetKeepTheOrderClaimed() {
        Coverage c = new Coverage(1);
        c.add(8, 4, "first");
        c.add(8, 4, "second");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.gaps(100));
        assertTrue(e.getMessage().contains("offset 8 of second are claimed twice (also by first)"), e.getMessage());
    }

    @Test
    void manyClaimsOutOfOrder() {
        // More claims than a few bits number, claimed from the end: sorted by offset all the same.
        Coverage c = new Coverage(1);
        for (int i = 4999; i >= 0; i--) {
            c.add(2L * i + 1, 1, i == 0 ? "zero" : "odd");
        }
        assertEquals(Map.of("zero", 1L, "odd", 4999L, "end of file", 7L), c.gaps(10_007));
    }

    @Test
    void aClaimBeforeTheStartIsAnError() {
        Coverage c = new Coverage(1);
        c.add(-4, 8, "header");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.gaps(100));
        assertTrue(e.getMessage().contains("offset -4 of header"), e.getMessage());
    }
}
