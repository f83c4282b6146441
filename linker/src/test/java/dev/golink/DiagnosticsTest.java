package dev.golink;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The link's error sink: order, cmd/link's error limit, and reports from parallel threads. */
class DiagnosticsTest {

    @Test
    void checkpointPassesWithoutErrors() {
        assertDoesNotThrow(() -> new Diagnostics().checkpoint());
    }

    @Test
    void checkpointListsErrorsInOrder() {
        Diagnostics d = new Diagnostics();
        d.error("runtime.x", "relocation target y not defined");
        d.error("too much data");
        LinkException e = assertThrows(LinkException.class, d::checkpoint);
        assertEquals("runtime.x: relocation target y not defined\ntoo much data", e.getMessage());
    }

    @Test
    void stopsListingAtCmdLinksLimit() {
        Diagnostics d = new Diagnostics();
        List<String> want = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            d.error("error " + i);
            if (i <= Diagnostics.ERROR_LIMIT) {
                want.add("error " + i); // the one over the limit is printed too
            }
        }
        want.add("golink: too many errors");
        LinkException e = assertThrows(LinkException.class, d::checkpoint);
        assertEquals(String.join("\n", want), e.getMessage());
    }

    @Test
    void errorsUpToTheLimitAreAllListed() {
        Diagnostics d = new Diagnostics();
        List<String> want = new ArrayList<>();
        for (int i = 0; i < Diagnostics.ERROR_LIMIT; i++) {
            d.error("error " + i);
            want.add("error " + i);
        }
        LinkException e = assertThrows(LinkException.class, d::checkpoint);
        assertEquals(String.join("\n", want), e.getMessage());
    }

    @Test
    void keepsEveryReportFromParallelThreads() {
        Diagnostics d = new Diagnostics();
        IntStream.range(0, 10_000).parallel().forEach(i -> d.error("e" + i));
        assertEquals(10_000, d.count());
    }
}
