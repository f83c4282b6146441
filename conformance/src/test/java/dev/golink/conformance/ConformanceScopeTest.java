package dev.golink.conformance;

import dev.golink.Target;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConformanceScopeTest {

    private static final GoldenTarget AMD64 = GoldenTarget.of(new Target("linux", "amd64"));
    private static final GoldenTarget V3 = new GoldenTarget(new Target("linux", "amd64"), "GOAMD64=v3");

    @Test
    void allIsTheWholeCorpus() {
        ConformanceScope s = ConformanceScope.parse("all", " all ", false);
        assertEquals(ConformanceScope.WHOLE, s);
        assertTrue(s.whole() && s.includes(V3) && s.includes("X"));
    }

    @Test
    void defaultsLeaveOutTheEnvironmentVariants() {
        ConformanceScope s = ConformanceScope.parse("defaults", "default,dumpdep", true);
        assertTrue(s.includes(AMD64));
        assertFalse(s.includes(V3));
        assertTrue(s.includes("dumpdep"));
        assertFalse(s.includes("sw"));
        assertFalse(s.whole());
        assertTrue(s.failFast());
    }

    @Test
    void namedTargets() {
        ConformanceScope s = ConformanceScope.parse("linux-amd64@GOAMD64=v3, js-wasm", "all", false);
        assertTrue(s.includes(V3));
        assertFalse(s.includes(AMD64));
        assertFalse(s.whole());
    }

    @Test
    void aRunnerStopsWhenToldAfterACase() throws IOException {
        CaseRunner runner = new CaseRunner(GoldenCorpus.locate());
        List<CaseResult> results = runner.run(AMD64, ConformanceScope.parse("all", "sw,refused", false), r -> false);
        assertEquals(1, results.size());
        assertEquals("linux-amd64/asm/sw", results.get(0).conformanceCase().id());
        assertTrue(results.get(0).identical(), results.get(0).detail());
    }
}
