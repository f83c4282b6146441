package dev.golink.conformance;

import dev.golink.Target;
import dev.golink.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * GOEXPERIMENT, built and linked on the spot by Go 1.19.8: golink must write
 * cmd/link's bytes for a program compiled with experiments (the version string,
 * the objects' header, register-ABI wrappers turned off on riscv64, field
 * tracking with {@code -k}), and refuse what cmd/link refuses with its message
 * and exit status. The program is under {@code src/test/resources/experiments/}.
 * Needs golang-1.19-go; skipped without it.
 */
class OnTheSpotExperimentTest {

    @TempDir
    static Path sources;

    private static Path gocache;
    private static Path program;

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue(GoBuild.available(), "needs Go 1.19.8 at " + GoBuild.GO);
        gocache = Path.of(System.getProperty("golink.reportDir", "target/conformance")).resolveSibling("gocache");
        Files.createDirectories(gocache);
        program = Files.createDirectories(sources.resolve("fieldtrack"));
        for (String file : List.of("go.mod", "main.go")) {
            try (InputStream in = OnTheSpotExperimentTest.class.getResourceAsStream("/experiments/fieldtrack/" + file)) {
                Files.write(program.resolve(file), in.readAllBytes());
            }
        }
    }

    /**
     * staticlockranking is tried on linux/amd64: Go 1.19's runtime does not compile with it on
     * riscv64. The tracked-field list is checked in cmd/link's output, so that the case proves
     * field tracking ran.
     */
    @ParameterizedTest(name = "GOEXPERIMENT={1} for {0}")
    @CsvSource(delimiter = ';', value = {
            "linux/amd64; fieldtrack; true",
            "linux/arm; fieldtrack; true",
            "linux/riscv64; fieldtrack,noregabi; true",
            "windows/amd64; fieldtrack; true",
            "linux/riscv64; noregabi; false",
            "linux/riscv64; preemptibleloops; false",
            "linux/amd64; staticlockranking; false"})
    void linksAsCmdLinkDoes(String targetName, String goexperiment, boolean fieldTrack) throws Exception {
        List<String> flags = fieldTrack ? List.of("-ldflags=-k=main.fieldTrackInfo") : List.of();
        GoBuild build = GoBuild.captureKept(".", program, Target.parse(targetName), gocache, false, goexperiment, flags);
        try {
            Path theirs = build.work().resolve("cmdlink.out");
            GoBuild.Run expected = build.runCmdLinkAnyway(List.of(), theirs);
            assertEquals(0, expected.status(), expected.stderr());
            byte[] want = Files.readAllBytes(theirs);
            assertTrue(indexOf(want, "go1.19.8 X:".getBytes(StandardCharsets.US_ASCII)) >= 0,
                    "cmd/link's version names the experiments");
            if (fieldTrack) {
                assertTrue(indexOf(want, "main.T.A\tmain.useA\tmain.main".getBytes(StandardCharsets.US_ASCII)) >= 0,
                        "cmd/link lists the tracked field used");
            }

            Path ours = build.work().resolve("golink.out");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(build.withOutput(build.args(), ours), build.env(), build.work(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).status();
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            byte[] got = Files.readAllBytes(ours);
            assertTrue(Arrays.equals(want, got), "golink's bytes differ from cmd/link's at "
                    + Arrays.mismatch(want, got));
        } finally {
            build.delete();
        }
    }

    /** cmd/link reads its environment before anything else: these fail even before the archive is opened. */
    @ParameterizedTest(name = "GOEXPERIMENT={1} for {0}")
    @CsvSource(delimiter = ';', value = {
            "linux/amd64; bogus",
            "linux/amd64; fieldtrack,nobogus",
            "linux/amd64; no",
            "linux/riscv64; noregabiwrappers",
            "linux/arm; regabiargs,nonone"})
    void refusedAsCmdLinkRefusesIt(String targetName, String goexperiment, @TempDir Path dir) throws Exception {
        GoBuild.Run expected = cmdLink(targetName, goexperiment, List.of("-o", "x.out", "main.a"), dir);
        assertNotEquals(0, expected.status(), "cmd/link accepts GOEXPERIMENT=" + goexperiment);
        GoBuild.Run ours = golink(targetName, goexperiment, List.of("-o", "x.out", "main.a"), dir);
        assertEquals(expected.stderr(), ours.stderr().replaceAll("(?m)^golink: ", "link: "), "the errors");
        assertEquals(expected.stdout(), ours.stdout(), "the standard output");
        assertEquals(expected.status(), ours.status(), "the exit status");
        assertFalse(Files.exists(dir.resolve("x.out")), "no output file");
    }

    /** -V names the experiments that differ from the target's defaults; -V=goexperiment names them all. */
    @ParameterizedTest(name = "{2} with GOEXPERIMENT={1} for {0}")
    @CsvSource(delimiter = ';', value = {
            "linux/amd64; fieldtrack; -V",
            "linux/amd64; ''; -V",
            "linux/riscv64; noregabi,unified; -V=full",
            "linux/amd64; none; -V=goexperiment",
            "linux/arm; boringcrypto; -V=goexperiment",
            "linux/amd64; bogus; -V"})
    void versionAsCmdLinkPrintsIt(String targetName, String goexperiment, String flag, @TempDir Path dir)
            throws Exception {
        GoBuild.Run expected = cmdLink(targetName, goexperiment, List.of(flag), dir);
        GoBuild.Run ours = golink(targetName, goexperiment, List.of(flag), dir);
        assertEquals(expected.stdout(), ours.stdout(), "the standard output");
        assertEquals(expected.stderr(), ours.stderr().replaceAll("(?m)^golink: ", "link: "), "the errors");
        assertEquals(expected.status(), ours.status(), "the exit status");
    }

    @Test
    void theUsageNamesGoexperiment() {
        assertTrue(dev.golink.cli.CommandLine.usage().contains("GOEXPERIMENT"));
    }

    private static Map<String, String> env(String targetName, String goexperiment) throws Exception {
        Target t = Target.parse(targetName);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GOOS", t.goos());
        env.put("GOARCH", t.goarch());
        env.put("GOROOT", GoBuild.GOROOT.toString());
        env.put("GOEXPERIMENT", goexperiment);
        return env;
    }

    private static GoBuild.Run cmdLink(String targetName, String goexperiment, List<String> args, Path dir)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of(GoBuild.CMD_LINK.toString())))
                .directory(dir.toFile());
        pb.command().addAll(args);
        pb.environment().clear();
        pb.environment().putAll(env(targetName, goexperiment));
        pb.environment().put("PATH", "/usr/bin:/bin");
        Path errFile = Files.createTempFile(dir, "cmdlink-", ".stderr");
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        String stderr = Files.readString(errFile, StandardCharsets.UTF_8);
        Files.delete(errFile);
        return new GoBuild.Run(status, stdout, stderr);
    }

    private static GoBuild.Run golink(String targetName, String goexperiment, List<String> args, Path dir)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, env(targetName, goexperiment), dir,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .status();
        return new GoBuild.Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
