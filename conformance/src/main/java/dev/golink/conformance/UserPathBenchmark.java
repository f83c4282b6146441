package dev.golink.conformance;

import dev.golink.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every scenario where users run golink, side by side with cmd/link in one run, ending with a
 * table of ratios against the goals of the speed issue: a fresh {@code mvn package} linking cmd/go
 * for ten targets; the command line on hello and on cmd/go; one warm JVM on both; and a 1.5 GB
 * output that is almost all zeros.
 *
 * <p>cmd/go is built with Go 1.19.8 into a Go build cache kept between runs
 * ({@code $TMPDIR/golink-bench-gocache}), so only the first run compiles it.
 */
final class UserPathBenchmark {

    static final List<String> MAVEN_TARGETS = List.of("linux/amd64", "linux/386", "linux/arm", "linux/arm64",
            "linux/mips64", "linux/ppc64le", "linux/riscv64", "linux/s390x", "darwin/amd64", "darwin/arm64");

    private UserPathBenchmark() {
    }

    /** Scenario 1 alone: the goal in a fresh mvn package, against cmd/link one after another. */
    static void runMaven(GoldenCorpus corpus, int runs) throws Exception {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "golink-bench-gocache");
        Files.createDirectories(cache);
        List<GoBuild> builds = new ArrayList<>();
        try {
            maven(corpus.root().getParent(), cache, builds, runs);
        } finally {
            for (GoBuild b : builds) {
                b.delete();
            }
        }
    }

    /** Builds cmd/go for every Maven target into {@code builds}, then times scenario 1 and prints it. */
    private static MavenBenchmark.Result maven(Path repo, Path cache, List<GoBuild> builds, int runs) throws Exception {
        System.out.printf("building cmd/go for %d targets with Go 1.19.8 (cached in %s)%n", MAVEN_TARGETS.size(), cache);
        List<Target> targets = new ArrayList<>();
        for (String t : MAVEN_TARGETS) {
            targets.add(Target.parse(t));
            builds.add(GoBuild.capture("cmd/go", GoBuild.GOROOT.resolve("src"), targets.get(targets.size() - 1), cache));
        }
        System.out.printf("%n== 1. mvn package, cmd/go for %d targets, %d rounds, medians%n", MAVEN_TARGETS.size(), runs);
        MavenBenchmark.Result maven = new MavenBenchmark(repo, targets, builds).run(runs);
        System.out.printf("cmd/link, one after another: %6.2f s%n", maven.cmdLink());
        System.out.printf("golink:link goal (fresh JVM): %6.2f s  ratio %.2fx (outputs identical)%n", maven.goal(),
                maven.goal() / maven.cmdLink());
        System.out.printf("whole mvn package command:   %6.2f s  ratio %.2fx%n", maven.mvn(), maven.mvn() / maven.cmdLink());
        return maven;
    }

    static void run(GoldenCorpus corpus, Path jar, int runs) throws Exception {
        if (!Files.exists(jar)) {
            throw new IOException(jar + " not found: build golink first (./mvnw install -DskipTests)");
        }
        Path repo = corpus.root().getParent();
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "golink-bench-gocache");
        Files.createDirectories(cache);
        List<String[]> table = new ArrayList<>();
        List<GoBuild> builds = new ArrayList<>();
        try {
            MavenBenchmark.Result maven = maven(repo, cache, builds, runs);
            table.add(row("mvn package, cmd/go x" + MAVEN_TARGETS.size() + ", goal", maven.goal() * 1000,
                    maven.cmdLink() * 1000, "<= 1.0x"));

            System.out.printf("%n== 2, 4. hello, linux/amd64, %d runs, medians%n", runs);
            Benchmark.Rows hello = helloRows(corpus, jar, runs);
            System.out.printf("%n== 3, 5. cmd/go, linux/amd64, %d runs, medians%n", runs);
            GoBuild amd64 = builds.get(0);
            Benchmark.Rows cmdgo = Benchmark.measure(amd64.args(), amd64.env(), amd64.work(), runs, jar);
            cliRows(table, "hello", hello, "<= 2.0x");
            cliRows(table, "cmd/go", cmdgo, "<= 1.3x, RSS <= 1.0x");
            table.add(row("one warm JVM, cmd/go", cmdgo.inProcess()[0], cmdgo.cmdLink()[0], "<= 0.5x"));
            table.add(row("one warm JVM, hello", hello.inProcess()[0], hello.cmdLink()[0], "<= 0.5x"));

            System.out.printf("%n== 6. a 1.5 GB output, almost all zeros, linux/amd64%n");
            table.addAll(largeOutput(jar, Math.min(runs, 3)));
        } finally {
            for (GoBuild b : builds) {
                b.delete();
            }
        }

        System.out.printf("%n%-44s %12s %12s %8s  %s%n", "scenario", "golink", "cmd/link", "ratio", "goal");
        for (String[] r : table) {
            System.out.printf("%-44s %12s %12s %8s  %s%n", (Object[]) r);
        }
    }

    private static void cliRows(List<String[]> table, String program, Benchmark.Rows r, String goal) {
        table.add(row("command line, " + program + ", server warm", r.serverWarm(), r.cmdLink(), goal));
        table.add(row("command line, " + program + ", server 1st link", r.serverFirst(), r.cmdLink(), ""));
        table.add(row("command line, " + program + ", no server", r.noServer(), r.cmdLink(), ""));
    }

    private static Benchmark.Rows helloRows(GoldenCorpus corpus, Path jar, int runs) throws Exception {
        Target target = Target.parse("linux/amd64");
        Path dir = Files.createTempDirectory("golink-bench-");
        try {
            corpus.unpackInputs(GoldenTarget.of(target), dir);
            Map<String, String> env = CaseRunner.readEnv(dir.resolve("env"));
            List<String> args = CaseRunner.argsFor(
                    Files.readAllLines(dir.resolve("hello").resolve("link.args"), StandardCharsets.UTF_8),
                    corpus.variants().get("default"));
            return Benchmark.measure(args, env, dir, runs, jar);
        } finally {
            CaseRunner.deleteTree(dir);
        }
    }

    /** The program of LargeOutputTest: one initialized 1.5 GB array whose content is one byte. */
    private static List<String[]> largeOutput(Path jar, int runs) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("golink-bench-large-");
        try {
            Files.writeString(dir.resolve("main.go"), "package main\n\nvar big = [1500 << 20]byte{12345: 7}\n\n"
                    + "func main() { println(big[12345]) }\n");
            Path tools = GoBuild.CMD_LINK.getParent();
            Process compile = new ProcessBuilder(tools.resolve("compile").toString(), "-o", "main.a", "-p", "main",
                    "-pack", "main.go").directory(dir.toFile()).inheritIO().start();
            if (compile.waitFor() != 0) {
                throw new IOException("compile of the 1.5 GB program failed");
            }
            Map<String, String> env = Map.of("GOOS", "linux", "GOARCH", "amd64", "GOROOT", GoBuild.GOROOT.toString());
            List<String> args = List.of("-o", "out", "-buildid=big", "main.a");
            List<String> cmdLink = new ArrayList<>(List.of(GoBuild.CMD_LINK.toString()));
            cmdLink.addAll(args);
            double[] ref = Benchmark.coldRuns(cmdLink, env, dir, runs);
            String want = MavenBenchmark.sha256(dir.resolve("out"));
            Files.delete(dir.resolve("out"));

            List<String> golink = new ArrayList<>(List.of(jar.getParent().resolveSibling("golink").toString()));
            golink.addAll(args);
            Map<String, String> noServer = new HashMap<>(env);
            noServer.put("GOLINK_SERVER", "0");
            double[] cold = Benchmark.coldRuns(golink, noServer, dir, runs);
            check(dir.resolve("out"), want);

            Path runtime = Files.createTempDirectory("golink-bench-server-");
            Map<String, String> served = new HashMap<>(env);
            served.put("XDG_RUNTIME_DIR", runtime.toString());
            Benchmark.coldRuns(golink, served, dir, 1);
            double[] warm = Benchmark.coldRuns(golink, served, dir, runs);
            warm[1] = Benchmark.stopServer(runtime);
            CaseRunner.deleteTree(runtime);
            check(dir.resolve("out"), want);

            System.out.printf("cmd/link                  %8.1f ms  peak RSS %7.1f MiB%n", ref[0], ref[1]);
            System.out.printf("golink (no server)        %8.1f ms  peak RSS %7.1f MiB  (identical)%n", cold[0], cold[1]);
            System.out.printf("golink (server, warm)     %8.1f ms  server's peak RSS %7.1f MiB  (identical)%n",
                    warm[0], warm[1]);
            return List.of(row("1.5 GB mostly-zero output, no server", cold, ref, "<= 2.0x"),
                    row("1.5 GB mostly-zero output, server warm", warm[0], ref[0], "<= 2.0x"));
        } finally {
            CaseRunner.deleteTree(dir);
        }
    }

    private static void check(Path out, String want) throws IOException {
        if (!MavenBenchmark.sha256(out).equals(want)) {
            throw new IOException("golink's 1.5 GB output differs from cmd/link's");
        }
        Files.delete(out);
    }

    /** A table row with time and, when both are known, RSS. */
    private static String[] row(String scenario, double[] golink, double[] cmdLink, String goal) {
        return new String[] {scenario, String.format(Locale.ROOT, "%.0f ms", golink[0]),
                String.format(Locale.ROOT, "%.0f ms", cmdLink[0]),
                String.format(Locale.ROOT, "%.2fx", golink[0] / cmdLink[0]),
                goal + String.format(Locale.ROOT, "  (RSS %.0f vs %.0f MiB: %.2fx)", golink[1], cmdLink[1],
                        golink[1] / cmdLink[1])};
    }

    private static String[] row(String scenario, double golinkMs, double cmdLinkMs, String goal) {
        return new String[] {scenario, String.format(Locale.ROOT, "%.0f ms", golinkMs),
                String.format(Locale.ROOT, "%.0f ms", cmdLinkMs), String.format(Locale.ROOT, "%.2fx", golinkMs / cmdLinkMs),
                goal};
    }
}
