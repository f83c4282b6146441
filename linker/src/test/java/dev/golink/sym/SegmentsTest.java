package dev.golink.sym;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SegmentsTest {

    @Test
    void rndRoundsUpToMultiples() {
        assertEquals(0, Segments.rnd(0, 4096));
        assertEquals(4096, Segments.rnd(1, 4096));
        assertEquals(4096, Segments.rnd(4096, 4096));
        assertEquals(0x400fe0, Segments.rnd(0x400fd4, 32));
        assertEquals(17, Segments.rnd(17, 0), "no rounding for r <= 0");
        assertEquals(24, Segments.rnd(17, 8));
    }
}
