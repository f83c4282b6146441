package dev.golink.conformance.sweep;

import dev.golink.arch.Arches;
import dev.golink.conformance.GoBuild;
import dev.golink.conformance.GoldenTarget;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sweep's fixed sample for CI: one program of Go's test tree per target golink
 * links (42), spread evenly over the tree, each built for its target, linked
 * by cmd/link and by golink in the default and {@code -s -w} variants. The bytes
 * must be identical, and where the target's programs run here, each must print
 * what its {@code .out} file says. The full sweep is {@code sweep --targets all}
 * (README). Needs golang-1.19-go and golang-1.19-src; skipped without them.
 */
class SweepSampleTest {

    @Test
    void theSampleIsIdenticalAndRuns() throws Exception {
        assumeTrue(GoBuild.available() && Files.isDirectory(GoBuild.GOROOT.resolve("test")),
                "needs Go 1.19.8 and its test tree (golang-1.19-go, golang-1.19-src)");
        Path reports = Path.of(System.getProperty("golink.reportDir", "target/conformance"));
        Path cache = reports.resolveSibling("sweep");
        List<GoldenTarget> targets = Arches.supported().stream().map(GoldenTarget::of).toList();
        Sweep.Settings s = new Sweep.Settings(targets, List.of("goroot-test"), List.of("default", "sw"), 2, cache,
                reports.resolveSibling("gocache"), null, targets.size(), 120, true);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<Sweep.Case> cases = new Sweep(s, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String report = Sweep.report(cases);
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("sweep-sample.txt"), report);
        System.out.print(report);

        int n = targets.size();
        assertEquals(2 * n, cases.size(), report);
        assertTrue(cases.stream().noneMatch(c -> c.result().outcome().differs()), report);
        long identical = cases.stream().filter(c -> c.result().outcome() == Outcome.IDENTICAL).count();
        assertTrue(identical >= 2 * n - 10, "all but a few cases link (those are excluded by build constraints)\n" + report);
        assertTrue(cases.stream().noneMatch(c -> c.result().run().equals("fail")), report);
        assertTrue(cases.stream().filter(c -> c.result().run().equals("ok")).count() >= 20, report);
    }
}
