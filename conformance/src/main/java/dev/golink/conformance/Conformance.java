package dev.golink.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs the whole golden corpus through golink and reports, per target and
 * variant, how many cases are byte-identical to cmd/link, and why the others are not.
 * {@code java -jar conformance/target/golink-conformance.jar [golden-dir [expectations-file]]}; the
 * {@code golink.conformance.*} system properties ({@link ConformanceScope}) restrict it.
 */
public final class Conformance {

    /**
     * @param regressions     listed in the expectations but not identical: these fail the build
     * @param newlyIdentical  identical but not listed yet: add them to the expectations
     * @param unknownExpected listed ids that name no case of the corpus
     */
    public record Outcome(List<CaseResult> results, List<CaseResult> regressions, List<String> newlyIdentical,
                          Set<String> unknownExpected) {
        public boolean passed() {
            return regressions.isEmpty() && unknownExpected.isEmpty();
        }
    }

    private Conformance() {
    }

    /** Links every case of the corpus. */
    public static Outcome run(GoldenCorpus corpus, Expectations expectations) throws IOException {
        return run(corpus, expectations, ConformanceScope.WHOLE);
    }

    /**
     * Links the cases {@code scope} includes. Targets run two at a time, so the suite also shows that
     * links running at once in one JVM give the bytes they give alone. With {@code failFast}, no case
     * starts after the first listed one that is not identical.
     */
    public static Outcome run(GoldenCorpus corpus, Expectations expectations, ConformanceScope scope)
            throws IOException {
        CaseRunner runner = new CaseRunner(corpus);
        AtomicBoolean stopped = new AtomicBoolean();
        Predicate<CaseResult> carryOn = r -> {
            if (scope.failFast() && !r.identical() && expectations.expectsIdentical(r.conformanceCase())) {
                stopped.set(true);
            }
            return !stopped.get();
        };
        List<CaseResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(2, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<List<CaseResult>>> perTarget = new ArrayList<>();
            for (GoldenTarget t : corpus.targets()) {
                if (scope.includes(t)) {
                    perTarget.add(pool.submit(() -> stopped.get() ? List.<CaseResult>of() : runner.run(t, scope, carryOn)));
                }
            }
            for (Future<List<CaseResult>> f : perTarget) {
                results.addAll(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("conformance run interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("conformance run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<CaseResult> regressions = new ArrayList<>();
        List<String> newlyIdentical = new ArrayList<>();
        // A listed id that names no case can only be told from a run of the whole corpus to its end.
        Set<String> unknown = new TreeSet<>(scope.whole() && !stopped.get() ? expectations.identical() : Set.of());
        for (CaseResult r : results) {
            unknown.remove(r.conformanceCase().id());
            boolean expected = expectations.expectsIdentical(r.conformanceCase());
            if (expected && !r.identical()) {
                regressions.add(r);
            } else if (!expected && r.identical()) {
                newlyIdentical.add(r.conformanceCase().id());
            }
        }
        return new Outcome(results, regressions, newlyIdentical, unknown);
    }

    /** The report: the per-target table, then what is not identical and why, grouped. */
    public static String report(Outcome outcome) {
        StringBuilder b = new StringBuilder();
        List<CaseResult> results = outcome.results();
        List<String> variants = results.stream().map(r -> r.conformanceCase().variant()).distinct().toList();
        long identical = results.stream().filter(CaseResult::identical).count();
        b.append("golink conformance against cmd/link (Go 1.19.8): ").append(identical).append('/')
                .append(results.size()).append(" cases identical (bytes; dumpdep: dead-code edge sets)\n");
        Map<String, List<CaseResult>> byTarget = results.stream().collect(
                Collectors.groupingBy(r -> r.conformanceCase().target().fileName(), LinkedHashMap::new, Collectors.toList()));
        // A variant's row is named linux-amd64@GOAMD64=v3: the first column fits the longest name.
        String firstColumn = "%-" + (byTarget.keySet().stream().mapToInt(String::length).max().orElse(0) + 2) + "s";
        b.append(String.format(firstColumn, "target"));
        variants.forEach(v -> b.append(String.format("%-9s", v)));
        b.append("all\n");
        byTarget.put("all", results);
        byTarget.forEach((target, rs) -> {
            b.append(String.format(firstColumn, target));
            for (String v : variants) {
                b.append(String.format("%-9s", ratio(rs.stream().filter(r -> r.conformanceCase().variant().equals(v)).toList())));
            }
            b.append(ratio(rs)).append('\n');
        });
        byTarget.remove("all");
        List<String> reasons = new ArrayList<>();
        byTarget.forEach((target, rs) -> {
            // groupingBy refuses null keys: group only the failed links.
            Map<String, Long> why = rs.stream().filter(r -> r.status() == CaseResult.Status.LINK_FAILED)
                    .collect(Collectors.groupingBy(r -> "link failed: " + r.detail(), LinkedHashMap::new,
                            Collectors.counting()));
            why.forEach((reason, n) -> reasons.add("  " + target + ": " + n + " case(s): " + reason));
            rs.stream().filter(r -> r.status() == CaseResult.Status.DIFFERENT)
                    .forEach(r -> reasons.add("  " + r.conformanceCase().id() + ": " + r.detail()));
        });
        if (!reasons.isEmpty()) {
            b.append("not identical:\n");
            reasons.forEach(r -> b.append(r).append('\n'));
        }
        if (!outcome.newlyIdentical().isEmpty()) {
            b.append("newly identical (add to conformance/expectations.txt):\n");
            outcome.newlyIdentical().forEach(id -> b.append("  ").append(id).append('\n'));
        }
        for (CaseResult r : outcome.regressions()) {
            b.append("REGRESSION: ").append(r.conformanceCase().id()).append(" is listed as identical but ")
                    .append(r.difference() != null ? r.difference() : r.detail()).append('\n');
        }
        outcome.unknownExpected().forEach(id -> b.append("UNKNOWN: expectations list ").append(id)
                .append(", which is no case of the corpus\n"));
        return b.toString();
    }

    private static String ratio(List<CaseResult> rs) {
        return rs.stream().filter(CaseResult::identical).count() + "/" + rs.size();
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("sweep")) {
            dev.golink.conformance.sweep.Sweep.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        GoldenCorpus corpus = args.length > 0 ? new GoldenCorpus(Path.of(args[0])) : GoldenCorpus.locate();
        Path expectationsFile = args.length > 1 ? Path.of(args[1])
                : corpus.root().resolveSibling("conformance").resolve("expectations.txt");
        Outcome outcome = run(corpus, Expectations.read(expectationsFile), ConformanceScope.fromSystemProperties());
        PrintStream out = System.out;
        out.print(report(outcome));
        System.exit(outcome.passed() ? 0 : 1);
    }
}
