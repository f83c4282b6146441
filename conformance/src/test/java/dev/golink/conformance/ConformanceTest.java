package dev.golink.conformance;

import dev.golink.Target;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conformance suite: every golden case linked by golink and compared with
 * cmd/link's record. Cases listed in conformance/expectations.txt must be
 * identical; the report (also written to target/conformance/report.txt) ends
 * with the per-target table. Every target also has its error-parity cases
 * (golden/errors): programs cmd/link refuses, refused with its exit status and words.
 * Under mutation testing the {@code golink.conformance.*} properties narrow it
 * ({@link ConformanceScope}); the corpus' completeness is then not checked.
 */
class ConformanceTest {

    @Test
    void everyListedCaseIsByteIdentical() throws IOException {
        GoldenCorpus corpus = GoldenCorpus.locate();
        Path expectationsFile = corpus.root().resolveSibling("conformance").resolve("expectations.txt");
        ConformanceScope scope = ConformanceScope.fromSystemProperties();
        Conformance.Outcome outcome = Conformance.run(corpus, Expectations.read(expectationsFile), scope);
        String report = Conformance.report(outcome);
        System.out.println(report);
        Path reportDir = Path.of(System.getProperty("golink.reportDir", "target/conformance"));
        Files.createDirectories(reportDir);
        Files.writeString(reportDir.resolve("report.txt"), report);

        assertTrue(outcome.passed(), report);
        if (!scope.whole()) {
            return;
        }
        List<GoldenTarget> targets = corpus.targets();
        assertEquals(Target.SUPPORTED, targets.stream().filter(GoldenTarget::isDefault).map(GoldenTarget::target).toList(),
                "golden/ must hold every supported target");
        assertTrue(targets.size() > Target.SUPPORTED.size(), "golden/ holds the environment variants too");
        assertTrue(outcome.results().size() >= targets.size() * 3 * (5 + 1),
                targets.size() + " targets and variants x 3 programs x (5 variants + the dumpdep check)");
        for (GoldenTarget t : targets) {
            assertTrue(!t.isDefault() || outcome.results().stream().anyMatch(r -> r.conformanceCase().target().equals(t)
                            && r.conformanceCase().variant().equals(CaseRunner.REFUSED)),
                    "golden/targets/" + t.fileName() + " has no error-parity cases (errors.tar.xz): regenerate it");
        }
    }
}
