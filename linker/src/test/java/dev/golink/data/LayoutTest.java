package dev.golink.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LayoutTest {

    @Test
    void rndRoundsUpToMultiples() {
        assertEquals(0, Layout.rnd(0, 4096));
        assertEquals(4096, Layout.rnd(1, 4096));
        assertEquals(4096, Layout.rnd(4096, 4096));
        assertEquals(0x400fe0, Layout.rnd(0x400fd4, 32));
        assertEquals(17, Layout.rnd(17, 0), "no rounding for r <= 0");
        assertEquals(24, Layout.rnd(17, 8));
    }
}
