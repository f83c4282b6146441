package dev.golink.conformance;

import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What golink's reports cost: a program Go 1.19.8 builds on the spot (its link step captured, as
 * {@link Benchmark} does) linked warm in process, alternately without and with {@code -sizereport}
 * and {@code -map}, then with {@code -whykept}. Prints medians of wall time and of the process's
 * CPU time (all threads: the link's parallel phases, GC, JIT), and the added share of each: on a
 * loaded machine the CPU time is the steadier measure of the work a report adds. And the median of
 * the runs' paired differences (each run's link with the flags less its plain link, run just
 * before), which the drift of the link's own time from run to run does not move. Also the
 * collections during each link (their number and pause time, medians): a report that allocates
 * much makes the collector copy the link's own young state once more, which shows there first.
 *
 * <p>{@code java -cp conformance/target/golink-conformance.jar dev.golink.conformance.ReportBenchmark
 * [package (cmd/go)] [goos/goarch (linux/amd64)] [runs (10)] [GOCACHE folder to reuse]}
 *
 * <p>Then the same on the command line, where users run it: {@code linker/golink} (run from the
 * repository's root), one JVM per link, {@code -Dgolink.bench.coldRuns=N} pairs (10; 0 for none).
 *
 * <p>With {@code -Dgolink.bench.keep=DIR}, the last run's reports ({@code size.json}, {@code size.html},
 * {@code link.map}) are copied to DIR, so that a change meant to make them faster can be checked
 * to leave them byte for byte the same.
 */
public final class ReportBenchmark {

    private ReportBenchmark() {
    }

    public static void main(String[] a) throws Exception {
        String pkg = a.length > 0 ? a[0] : "cmd/go";
        Target target = Target.parse(a.length > 1 ? a[1] : "linux/amd64");
        int runs = a.length > 2 ? Integer.parseInt(a[2]) : 10;
        boolean ownCache = a.length <= 3;
        Path cache = ownCache ? Files.createTempDirectory("golink-bench-gocache-") : Path.of(a[3]);
        GoBuild build = GoBuild.capture(pkg, GoBuild.GOROOT.resolve("src"), target, cache);
        try {
            Path work = build.work();
            List<List<String>> ways = List.of(List.of(),
                    List.of("-sizereport=" + work.resolve("size.json")),
                    List.of("-sizereport=" + work.resolve("size.json"), "-map=" + work.resolve("link.map")),
                    List.of("-whykept=main.main"));
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            List<LinkOptions> options = new ArrayList<>();
            for (List<String> flags : ways) {
                // -v: golink prints each phase's time, which says where a report's cost lands.
                List<String> verbose = new ArrayList<>(flags);
                verbose.add("-v");
                options.add(CommandLine.parse(CaseRunner.argsFor(build.args(), verbose), build.env(), work).options());
            }
            java.io.ByteArrayOutputStream phaseLog = new java.io.ByteArrayOutputStream();
            PrintStream quiet = new PrintStream(phaseLog, true, java.nio.charset.StandardCharsets.UTF_8);
            List<java.util.Map<String, double[]>> phases = new ArrayList<>();
            for (int w = 0; w < ways.size(); w++) {
                phases.add(new java.util.LinkedHashMap<>());
            }
            String loadBefore = loadAverage();
            int warmups = 5;
            double[][] times = new double[ways.size()][runs];
            double[][] cpu = new double[ways.size()][runs];
            double[][] gcs = new double[ways.size()][runs];
            double[][] gcMs = new double[ways.size()][runs];
            for (int i = 0; i < warmups + runs; i++) {
                for (int w = 0; w < ways.size(); w++) { // alternated, so that load on the machine hits all alike
                    System.gc(); // the previous link's garbage is not this one's work
                    phaseLog.reset();
                    long[] gc0 = collections();
                    long c0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    new Linker(quiet).link(options.get(w));
                    if (i >= warmups) {
                        times[w][i - warmups] = (System.nanoTime() - t0) / 1e6;
                        cpu[w][i - warmups] = (os.getProcessCpuTime() - c0) / 1e6;
                        long[] gc1 = collections();
                        gcs[w][i - warmups] = gc1[0] - gc0[0];
                        gcMs[w][i - warmups] = gc1[1] - gc0[1];
                        for (String line : phaseLog.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                            String[] f = line.trim().split("\\s+");
                            if (f.length == 3 && f[2].equals("ms")) {
                                phases.get(w).computeIfAbsent(f[0], k -> new double[runs])[i - warmups] =
                                        Double.parseDouble(f[1]);
                            }
                        }
                    }
                }
            }
            double plain = Benchmark.median(times[0]);
            double plainCpu = Benchmark.median(cpu[0]);
            double plainMin = java.util.Arrays.stream(cpu[0]).min().orElseThrow();
            System.out.printf("report cost: %s for %s (go build's link step), warm in process, %d runs, medians%n",
                    pkg, target, runs);
            // The least CPU time of the runs is the least disturbed by other processes on a loaded machine.
            System.out.printf("%-40s %9s %8s %9s %8s %9s %8s %5s %7s%n", "", "wall ms", "", "CPU ms", "", "min CPU", "",
                    "GCs", "GC ms");
            System.out.printf("%-40s %9.1f %8s %9.1f %8s %9.1f %8s %5.0f %7.0f%n", "link", plain, "", plainCpu, "",
                    plainMin, "", Benchmark.median(gcs[0]), Benchmark.median(gcMs[0]));
            for (int w = 1; w < ways.size(); w++) {
                double t = Benchmark.median(times[w]);
                double c = Benchmark.median(cpu[w]);
                double m = java.util.Arrays.stream(cpu[w]).min().orElseThrow();
                System.out.printf("%-40s %9.1f %+7.1f%% %9.1f %+7.1f%% %9.1f %+7.1f%% %5.0f %7.0f%n", "link "
                        + String.join(" ", ways.get(w)).replace(work + "/", ""), t, (t / plain - 1) * 100, c,
                        (c / plainCpu - 1) * 100, m, (m / plainMin - 1) * 100, Benchmark.median(gcs[w]),
                        Benchmark.median(gcMs[w]));
            }
            // Paired: each run's link with the flags less the same run's plain link, which ran just before
            // it; the median of these differences cancels the drift of the link's own time from run to run.
            System.out.println("added wall time, median of the runs' paired differences (with the flags less plain):");
            double[] paired = new double[ways.size()];
            double[][] interval = new double[ways.size()][];
            for (int w = 1; w < ways.size(); w++) {
                double[] d = new double[runs];
                for (int i = 0; i < runs; i++) {
                    d[i] = times[w][i] - times[0][i];
                }
                paired[w] = Benchmark.median(d);
                double[] ci = Benchmark.medianInterval(d);
                interval[w] = ci;
                System.out.printf("  %-38s %+9.1f ms  %+6.1f%% of the plain link's median%s%n",
                        String.join(" ", ways.get(w)).replace(work + "/", ""), paired[w], paired[w] / plain * 100,
                        ci == null ? "" : String.format("  (95%% interval %+.1f to %+.1f ms)", ci[0], ci[1]));
            }
            System.out.printf("size report %d bytes, link map %d bytes%n", Files.size(work.resolve("size.json")),
                    Files.size(work.resolve("link.map")));
            // Where the time goes: the phases whose medians differ by a millisecond or more.
            System.out.printf("phases (wall ms, medians)%27s %9s %9s%n", "link", "-sizereport", "-map too");
            for (String phase : phases.get(2).keySet()) {
                double[] m = new double[3];
                for (int w = 0; w < 3; w++) {
                    double[] t = phases.get(w).get(phase);
                    m[w] = t == null ? 0 : Benchmark.median(t);
                }
                if (Math.abs(m[1] - m[0]) >= 1 || Math.abs(m[2] - m[0]) >= 1) {
                    System.out.printf("  %-40s %9.1f %9.1f %9.1f%n", phase, m[0], m[1], m[2]);
                }
            }
            // The figure the budget is about (at most 10% of the link), in one line.
            System.out.printf("-sizereport costs %+.1f%% of the link's wall time (%+.1f%% paired%s), %+.1f%% of its CPU"
                    + " time (medians)%n", (Benchmark.median(times[1]) / plain - 1) * 100, paired[1] / plain * 100,
                    interval[1] == null ? "" : String.format(", 95%% interval %+.1f%% to %+.1f%%",
                            interval[1][0] / plain * 100, interval[1][1] / plain * 100),
                    (Benchmark.median(cpu[1]) / plainCpu - 1) * 100);
            String keep = System.getProperty("golink.bench.keep");
            if (keep != null) {
                Path dir = Files.createDirectories(Path.of(keep));
                for (String f : List.of("size.json", "size.html", "link.map")) {
                    Files.copy(work.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            // CPU time is shared with whatever else runs: the load says how much.
            System.out.printf("load average (1, 5, 15 min): %s before, %s after; %d processors%n", loadBefore,
                    loadAverage(), Runtime.getRuntime().availableProcessors());
            int coldRuns = Integer.getInteger("golink.bench.coldRuns", 10);
            Path launcher = Path.of("linker", "golink").toAbsolutePath();
            if (coldRuns > 0 && Files.isExecutable(launcher)) {
                cold(launcher, build, work, coldRuns);
            }
            System.out.printf("again: java -cp conformance/target/golink-conformance.jar %s %s %s %d%n",
                    ReportBenchmark.class.getName(), pkg, target, runs);
        } finally {
            build.delete();
            if (ownCache) {
                CaseRunner.deleteTree(cache);
            }
        }
    }

    /**
     * The cost where users run it: the command line, one JVM per link ({@code linker/golink} with
     * {@code GOLINK_SERVER=0}, its class-data archive recorded by a first link with the report),
     * alternately without and with {@code -sizereport}; the median of the paired differences.
     */
    private static void cold(Path launcher, GoBuild build, Path work, int runs) throws Exception {
        Path runtime = Files.createTempDirectory("golink-bench-runtime-");
        try {
            java.util.Map<String, String> env = new java.util.HashMap<>(build.env());
            env.put("XDG_RUNTIME_DIR", runtime.toString());
            env.put("GOLINK_SERVER", "0");
            List<String> plain = new ArrayList<>(List.of(launcher.toString()));
            plain.addAll(CaseRunner.argsFor(build.args(), List.of()));
            List<String> report = new ArrayList<>(List.of(launcher.toString()));
            report.addAll(CaseRunner.argsFor(build.args(), List.of("-sizereport=" + work.resolve("size.json"))));
            // Records the class-data archive the others use, with the report's classes in it, as a
            // user's who asks for reports would have them.
            Benchmark.coldRuns(report, env, work, 1);
            double[] p = new double[runs];
            double[] r = new double[runs];
            double[] d = new double[runs];
            for (int i = 0; i < runs; i++) {
                p[i] = Benchmark.coldRuns(plain, env, work, 1)[0];
                r[i] = Benchmark.coldRuns(report, env, work, 1)[0];
                d[i] = r[i] - p[i];
            }
            double plainMedian = Benchmark.median(p);
            double paired = Benchmark.median(d);
            double[] ci = Benchmark.medianInterval(d);
            System.out.printf("command line (linker/golink, one JVM per link, GOLINK_SERVER=0), %d runs, medians:%n"
                    + "  link %.1f ms, link -sizereport %.1f ms; paired %+.1f ms, %+.1f%% of the link%s%n", runs,
                    plainMedian, Benchmark.median(r), paired, paired / plainMedian * 100, ci == null ? ""
                            : String.format(" (95%% interval %+.1f%% to %+.1f%%)", ci[0] / plainMedian * 100,
                                    ci[1] / plainMedian * 100));
        } finally {
            CaseRunner.deleteTree(runtime);
        }
    }

    /** The collections so far and their time in milliseconds, over all of the JVM's collectors. */
    private static long[] collections() {
        long n = 0;
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory
                .getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {n, ms};
    }

    /** The system's load averages from /proc/loadavg, or "unknown" where there is none. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
