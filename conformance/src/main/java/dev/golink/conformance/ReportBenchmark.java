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
 * loaded machine the CPU time is the steadier measure of the work a report adds.
 *
 * <p>{@code java -cp conformance/target/golink-conformance.jar dev.golink.conformance.ReportBenchmark
 * [package (cmd/go)] [goos/goarch (linux/amd64)] [runs (10)] [GOCACHE folder to reuse]}
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
                options.add(CommandLine.parse(CaseRunner.argsFor(build.args(), flags), build.env(), work).options());
            }
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            String loadBefore = loadAverage();
            int warmups = 5;
            double[][] times = new double[ways.size()][runs];
            double[][] cpu = new double[ways.size()][runs];
            for (int i = 0; i < warmups + runs; i++) {
                for (int w = 0; w < ways.size(); w++) { // alternated, so that load on the machine hits all alike
                    System.gc(); // the previous link's garbage is not this one's work
                    long c0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    new Linker(quiet).link(options.get(w));
                    if (i >= warmups) {
                        times[w][i - warmups] = (System.nanoTime() - t0) / 1e6;
                        cpu[w][i - warmups] = (os.getProcessCpuTime() - c0) / 1e6;
                    }
                }
            }
            double plain = Benchmark.median(times[0]);
            double plainCpu = Benchmark.median(cpu[0]);
            double plainMin = java.util.Arrays.stream(cpu[0]).min().orElseThrow();
            System.out.printf("report cost: %s for %s (go build's link step), warm in process, %d runs, medians%n",
                    pkg, target, runs);
            // The least CPU time of the runs is the least disturbed by other processes on a loaded machine.
            System.out.printf("%-40s %9s %8s %9s %8s %9s %8s%n", "", "wall ms", "", "CPU ms", "", "min CPU", "");
            System.out.printf("%-40s %9.1f %8s %9.1f %8s %9.1f%n", "link", plain, "", plainCpu, "", plainMin);
            for (int w = 1; w < ways.size(); w++) {
                double t = Benchmark.median(times[w]);
                double c = Benchmark.median(cpu[w]);
                double m = java.util.Arrays.stream(cpu[w]).min().orElseThrow();
                System.out.printf("%-40s %9.1f %+7.1f%% %9.1f %+7.1f%% %9.1f %+7.1f%%%n", "link "
                        + String.join(" ", ways.get(w)).replace(work + "/", ""), t, (t / plain - 1) * 100, c,
                        (c / plainCpu - 1) * 100, m, (m / plainMin - 1) * 100);
            }
            System.out.printf("size report %d bytes, link map %d bytes%n", Files.size(work.resolve("size.json")),
                    Files.size(work.resolve("link.map")));
            // CPU time is shared with whatever else runs: the load says how much.
            System.out.printf("load average (1, 5, 15 min): %s before, %s after; %d processors%n", loadBefore,
                    loadAverage(), Runtime.getRuntime().availableProcessors());
        } finally {
            build.delete();
            if (ownCache) {
                CaseRunner.deleteTree(cache);
            }
        }
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
