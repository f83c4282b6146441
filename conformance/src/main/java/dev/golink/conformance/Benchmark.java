package dev.golink.conformance;

import dev.golink.LinkException;
import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import dev.golink.server.LinkDaemon;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Times golink against cmd/link on the same golden inputs, side by side:
 * cold (one process per link, wall time and peak RSS through /usr/bin/time) and
 * warm (golink in process, after warm-up). Prints medians and golink/cmd-link ratios.
 *
 * <p>{@code java -cp conformance/target/golink-conformance.jar dev.golink.conformance.Benchmark
 * [goos/goarch] [program] [variant] [runs]} for a golden case, or {@code ... Benchmark
 * --go-package cmd/go [goos/goarch] [runs]} for a program Go 1.19.8 builds on the spot.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] a) throws Exception {
        GoldenCorpus corpus = GoldenCorpus.locate();
        Path jar = corpus.root().resolveSibling("linker").resolve("target/golink.jar");
        int runs = 10;
        if (a.length > 0 && a[0].equals("--all")) {
            UserPathBenchmark.run(corpus, jar, a.length > 1 ? Integer.parseInt(a[1]) : 5);
            return;
        }
        if (a.length > 0 && a[0].equals("--maven")) {
            // Only the Maven scenario of --all: MAVEN_OPTS reaches its mvn package.
            UserPathBenchmark.runMaven(corpus, a.length > 1 ? Integer.parseInt(a[1]) : 5);
            return;
        }
        if (a.length > 0 && a[0].equals("--go-package")) {
            // A program built on the spot: --go-package PKG [goos/goarch] [runs]
            Target target = Target.parse(a.length > 2 ? a[2] : "linux/amd64");
            runs = a.length > 3 ? Integer.parseInt(a[3]) : runs;
            Path cache = Files.createTempDirectory("golink-bench-gocache-");
            GoBuild build = GoBuild.capture(a[1], GoBuild.GOROOT.resolve("src"), target, cache);
            try {
                System.out.printf("benchmark: %s for %s (go build's link step), %d runs, medians%n", a[1], target, runs);
                measure(build.args(), build.env(), build.work(), runs, jar);
            } finally {
                build.delete();
                CaseRunner.deleteTree(cache);
            }
            return;
        }
        GoldenTarget target = GoldenTarget.parse(a.length > 0 ? a[0] : "linux/amd64");
        String program = a.length > 1 ? a[1] : "features";
        String variant = a.length > 2 ? a[2] : "default";
        runs = a.length > 3 ? Integer.parseInt(a[3]) : runs;
        Path dir = Files.createTempDirectory("golink-bench-");
        try {
            corpus.unpackInputs(target, dir);
            Map<String, String> env = CaseRunner.readEnv(dir.resolve("env"));
            List<String> args = CaseRunner.argsFor(
                    Files.readAllLines(dir.resolve(program).resolve("link.args"), StandardCharsets.UTF_8),
                    corpus.variants().get(variant));
            System.out.printf("benchmark: %s %s %s, %d runs, medians%n", target, program, variant, runs);
            measure(args, env, dir, runs, jar);
        } finally {
            CaseRunner.deleteTree(dir);
        }
    }

    /** Each way of running one link: median wall ms and peak RSS MiB (heap MiB for in-process). */
    record Rows(double[] cmdLink, double[] noServer, double[] javaJar, double[] serverFirst, double[] serverWarm,
            double[] inProcess) {
    }

    static Rows measure(List<String> args, Map<String, String> env, Path dir, int runs, Path jar)
            throws Exception {
        List<String> cmdLink = new ArrayList<>(List.of(GoBuild.CMD_LINK.toString()));
        cmdLink.addAll(args);
        double[] ref = coldRuns(cmdLink, env, dir, runs);
        System.out.printf("%-31s cold: %8.1f ms  peak RSS %7.1f MiB%n", "cmd/link", ref[0], ref[1]);
        double[] noServerRow = null;
        double[] javaJarRow = null;
        double[] firstRow = null;
        double[] served = null;

        if (Files.exists(jar)) {
            Path launcher = jar.getParent().resolveSibling("golink");
            List<String> golink = new ArrayList<>(List.of(launcher.toString()));
            golink.addAll(args);
            List<String> javaJar = new ArrayList<>(List.of("java", "-jar", jar.toString()));
            javaJar.addAll(args);
            // A runtime folder of the benchmark's own: the launcher's class-data archive and servers
            // start from nothing, and the first JVM records the archive that later ones use.
            Path runtime = Files.createTempDirectory("golink-bench-runtime-");
            try {
                Map<String, String> launched = new java.util.HashMap<>(env);
                launched.put("XDG_RUNTIME_DIR", runtime.toString());
                // One JVM per link, as linker/golink runs it without its server (C1 only).
                Map<String, String> noServer = new java.util.HashMap<>(launched);
                noServer.put("GOLINK_SERVER", "0");
                Map<String, String> noArchive = new java.util.HashMap<>(noServer);
                noArchive.put("GOLINK_CDS", "0");
                report("(no server, no archive)", coldRuns(golink, noArchive, dir, runs), ref);
                report("(no server, recording)", coldRuns(golink, noServer, dir, 1), ref);
                noServerRow = report("(no server)", coldRuns(golink, noServer, dir, runs), ref);
                javaJarRow = report("(java -jar)", coldRuns(javaJar, env, dir, runs), ref);
                // With its link server: the link that finds none starts one and runs in a one-link JVM
                // meanwhile (its RSS is that JVM's), then one server warmed by 20 links (RSS: the
                // server's peak, not the launcher's).
                double[] first = new double[runs];
                double[] firstRss = new double[runs];
                for (int i = 0; i < runs; i++) {
                    double[] one = coldRuns(golink, launched, dir, 1);
                    first[i] = one[0];
                    firstRss[i] = one[1];
                    stopServer(runtime);
                }
                firstRow = report("(server, 1st)", new double[] {median(first), median(firstRss)}, ref);
                coldRuns(golink, launched, dir, 20);
                served = coldRuns(golink, launched, dir, runs);
                served[1] = stopServer(runtime);
                report("(server, warm)", served, ref);
            } finally {
                CaseRunner.deleteTree(runtime);
            }
        }

        LinkOptions options = CommandLine.parse(args, env, dir).options();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        String outcome = "linked";
        double[] times = new double[runs];
        // The JIT needs many links before golink's phases run compiled: warm up well. No forced GC
        // between links: a long-lived JVM (Maven, a daemon) never does that, and System.gc() shrinks
        // G1's heap so that the next link pays for several young collections instead of a share of one.
        int warmups = 20;
        long allocated = 0;
        for (int i = 0; i < runs + warmups; i++) {
            if (i == warmups) {
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            }
            long a0 = allocatedBytes();
            long t0 = System.nanoTime();
            try {
                new Linker(quiet).link(options);
            } catch (LinkException e) {
                outcome = "stopped: " + e.getMessage();
            }
            if (i >= warmups) {
                times[i - warmups] = (System.nanoTime() - t0) / 1e6;
                allocated += allocatedBytes() - a0;
            }
        }
        double warm = median(times);
        // Each heap pool's peak over the timed links, summed: an upper bound of the heap they held,
        // which G1 lets grow with the machine's memory (it collects only when eden is full).
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%-31s warm: %8.1f ms  peak heap %6.1f MiB  ratio %.2fx time (%s)%n",
                "golink in process", warm, peak / 1048576.0, warm / ref[0], outcome);
        System.out.printf("%37s %8.1f MiB allocated per link%n", "", allocated / 1048576.0 / runs);
        return new Rows(ref, noServerRow, javaJarRow, firstRow, served, new double[] {warm, peak / 1048576.0});
    }

    /** Bytes allocated so far by all live threads (the fork-join workers that links use stay alive). */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(b, 0);
        }
        return sum;
    }

    private static double[] report(String how, double[] cold, double[] ref) {
        System.out.printf("golink %-24s cold: %8.1f ms  peak RSS %7.1f MiB   ratio %.2fx time, %.2fx memory%n", how,
                cold[0], cold[1], cold[0] / ref[0], cold[1] / ref[1]);
        return cold;
    }

    /**
     * Stops the link server that runs in {@code runtime} (an XDG_RUNTIME_DIR) and waits until an
     * archive it was recording is in place; returns its peak RSS in MiB.
     */
    static double stopServer(Path runtime) throws IOException, InterruptedException {
        double rss = 0;
        // By its command line (/proc): a server that a launcher has just started has written no pid file yet.
        String folder = " " + LinkDaemon.class.getName() + " " + runtime;
        for (ProcessHandle p : ProcessHandle.allProcesses()
                .filter(h -> LinkDaemon.commandLine(h.pid()).contains(folder)).toList()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        rss = Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024;
                    }
                }
            } catch (IOException gone) {
                // it has just ended
            }
            p.destroy();
            p.onExit().join();
        }
        for (int i = 0; i < 600 && recording(runtime); i++) {
            Thread.sleep(100);
        }
        return rss;
    }

    /** Whether a launcher's archive is still being written under {@code runtime}. */
    static boolean recording(Path runtime) throws IOException {
        try (var files = Files.walk(runtime)) {
            return files.anyMatch(p -> p.getFileName().toString().matches("golink\\.(jsa|aot)\\.[0-9]+(\\.conf)?"));
        }
    }

    /** Median wall milliseconds and median peak RSS MiB of {@code runs} processes. */
    static double[] coldRuns(List<String> command, Map<String, String> env, Path dir, int runs)
            throws IOException, InterruptedException {
        double[] wall = new double[runs];
        double[] rss = new double[runs];
        for (int i = 0; i < runs; i++) {
            Path timing = Files.createTempFile("golink-bench-", ".time");
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-q", "-f", "%M", "-o", timing.toString()));
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            // The runtime the launcher picks (GOLINK_JAVA=.../java measures another one).
            for (String name : List.of("GOLINK_JAVA", "JAVA_HOME")) {
                if (System.getenv(name) != null && !pb.environment().containsKey(name)) {
                    pb.environment().put(name, System.getenv(name));
                }
            }
            long t0 = System.nanoTime();
            int exit = pb.start().waitFor();
            wall[i] = (System.nanoTime() - t0) / 1e6;
            String peak = Files.readString(timing).trim();
            Files.delete(timing);
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit status " + exit + "): not timed");
            }
            rss[i] = Double.parseDouble(peak) / 1024;
        }
        return new double[] {median(wall), median(rss)};
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /**
     * A 95% confidence interval for the median of what {@code v} samples, from its order statistics
     * alone (no assumption about the distribution): the k-th smallest and k-th largest value, k the
     * largest for which fewer than k of n values fall below the median with probability at most
     * 2.5% (binomial, p = 1/2). Null for fewer than 6 values, which cannot give 95%.
     */
    static double[] medianInterval(double[] v) {
        int n = v.length;
        double p = Math.pow(0.5, n);
        double below = 0; // P(X <= j - 1) as j grows
        int k = 0;
        for (int j = 1; j <= n / 2; j++) {
            below += p; // p is P(X = j - 1)
            if (below > 0.025) {
                break;
            }
            k = j;
            p = p * (n - (j - 1)) / j;
        }
        if (k == 0) {
            return null;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return new double[] {s[k - 1], s[n - k]};
    }
}
