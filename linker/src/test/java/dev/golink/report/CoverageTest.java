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
}
