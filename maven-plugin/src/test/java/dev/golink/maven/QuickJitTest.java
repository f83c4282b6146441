package dev.golink.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuickJitTest {

    @Test
    void hotSpotTakesTheDirective() {
        // The Java that runs the build's tests is the one Maven runs on: the MBean must be there and answer.
        assertEquals("1 compiler directives added", QuickJit.add());
    }
}
