package dev.golink.conformance;

import dev.golink.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Maven scenario: captured link steps of one program for several targets, linked by
 * cmd/link one after another, and by the golink:link goal in a fresh {@code mvn package}
 * (prepared inputs through {@code <importcfg>}/{@code <mainArchive>}), whose outputs must be
 * cmd/link's bytes. Needs the plugin in the local repository ({@code ./mvnw install}).
 */
final class MavenBenchmark {

    private static final String BUILD_ID = "-buildid=golink-bench";
    private static final Pattern GOAL_TIME = Pattern.compile("golink: (\\d+) targets? done in ([0-9.]+) s");

    /** Median seconds: cmd/link's links one after another, the goal alone, the whole mvn command. */
    record Result(double cmdLink, double goal, double mvn) {
    }

    private final Path repo;
    private final List<Target> targets;
    private final List<GoBuild> builds;

    MavenBenchmark(Path repo, List<Target> targets, List<GoBuild> builds) {
        this.repo = repo;
        this.targets = targets;
        this.builds = builds;
    }

    Result run(int rounds) throws IOException, InterruptedException {
        Path project = Files.createTempDirectory("golink-bench-maven-");
        try {
            writeProject(project);
            List<String> want = new ArrayList<>();
            double[] serial = new double[rounds];
            // One round first, unmeasured, for both: the page cache and Maven's local repository.
            for (int r = -1; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (GoBuild b : builds) {
                    Path out = b.work().resolve("cmdlink.out");
                    ProcessBuilder pb = new ProcessBuilder(cmdLinkCommand(b, out)).directory(b.work().toFile())
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                    pb.environment().putAll(b.env());
                    if (pb.start().waitFor() != 0) {
                        throw new IOException("cmd/link failed on the captured link step in " + b.work());
                    }
                }
                if (r >= 0) {
                    serial[r] = (System.nanoTime() - t0) / 1e9;
                }
            }
            for (GoBuild b : builds) {
                want.add(sha256(b.work().resolve("cmdlink.out")));
            }

            double[] goal = new double[rounds];
            double[] mvn = new double[rounds];
            for (int r = -1; r < rounds; r++) {
                if (Files.exists(project.resolve("target"))) {
                    CaseRunner.deleteTree(project.resolve("target"));
                }
                long t0 = System.nanoTime();
                String log = runMaven(project);
                double wall = (System.nanoTime() - t0) / 1e9;
                Matcher m = GOAL_TIME.matcher(log);
                if (!m.find() || Integer.parseInt(m.group(1)) != targets.size()) {
                    throw new IOException("mvn package did not report linking " + targets.size() + " targets:\n" + log);
                }
                for (int i = 0; i < targets.size(); i++) {
                    Path out = project.resolve("target/golink/cmdgo-1-" + targets.get(i).fileName());
                    if (!sha256(out).equals(want.get(i))) {
                        throw new IOException("the goal's output for " + targets.get(i) + " differs from cmd/link's");
                    }
                }
                if (r >= 0) {
                    goal[r] = Double.parseDouble(m.group(2));
                    mvn[r] = wall;
                }
            }
            return new Result(Benchmark.median(serial), Benchmark.median(goal), Benchmark.median(mvn));
        } finally {
            CaseRunner.deleteTree(project);
        }
    }

    /** cmd/link with the captured arguments, writing {@code out}, with a fixed build ID as the goal's. */
    private static List<String> cmdLinkCommand(GoBuild b, Path out) {
        List<String> cmd = new ArrayList<>(List.of(GoBuild.CMD_LINK.toString()));
        List<String> args = b.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-o")) {
                cmd.add("-o");
                cmd.add(out.toString());
                i++;
            } else if (a.startsWith("-buildid=")) {
                cmd.add(BUILD_ID);
            } else {
                cmd.add(a);
            }
        }
        return cmd;
    }

    private void writeProject(Path project) throws IOException {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            GoBuild b = builds.get(i);
            Path dir = Files.createDirectories(project.resolve("go").resolve(t.fileName()));
            Files.createSymbolicLink(dir.resolve("importcfg.link"), b.work().resolve(valueOf(b.args(), "-importcfg")));
            Files.createSymbolicLink(dir.resolve("main.a"), b.work().resolve(b.args().get(b.args().size() - 1)));
            list.append("            <target>").append(t).append("</target>\n");
        }
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.golink.bench</groupId>
                  <artifactId>cmdgo</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>dev.golink</groupId>
                        <artifactId>golink-maven-plugin</artifactId>
                        <version>%s</version>
                        <executions><execution><goals><goal>link</goal></goals></execution></executions>
                        <configuration>
                          <targets>
                %s          </targets>
                          <importcfg>${project.basedir}/go/@{goos}-@{goarch}/importcfg.link</importcfg>
                          <mainArchive>${project.basedir}/go/@{goos}-@{goarch}/main.a</mainArchive>
                          <buildId>golink-bench</buildId>
                          <attach>false</attach>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(pluginVersion(), list);
        Files.writeString(project.resolve("pom.xml"), pom, StandardCharsets.UTF_8);
    }

    private static String valueOf(List<String> args, String flag) throws IOException {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals(flag)) {
                return args.get(i + 1);
            }
            if (args.get(i).startsWith(flag + "=")) {
                return args.get(i).substring(flag.length() + 1);
            }
        }
        throw new IOException("the captured link step has no " + flag);
    }

    private String runMaven(Path project) throws IOException, InterruptedException {
        Path log = Files.createTempFile("golink-bench-mvn-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(repo.resolve("mvnw").toString(), "-B", "-ntp", "-o", "-f",
                    project.resolve("pom.xml").toString(), "package").directory(project.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            int rc = pb.start().waitFor();
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (rc != 0) {
                throw new IOException("mvn package failed (did ./mvnw install run first?):\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The version of the repository's parent POM, which is the plugin's. */
    private String pluginVersion() throws IOException {
        String pom = Files.readString(repo.resolve("pom.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<artifactId>golink-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        if (!m.find()) {
            throw new IOException("no golink-parent version in " + repo.resolve("pom.xml"));
        }
        return m.group(1);
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
