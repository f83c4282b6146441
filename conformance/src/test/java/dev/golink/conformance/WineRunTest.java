package dev.golink.conformance;

import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * golink's windows/amd64 executables run: a golden program linked by golink for
 * windows/amd64 runs under Wine and prints what the same program linked by
 * golink for linux/amd64 prints natively. Needs Wine's 64-bit loader
 * (Debian's wine64) on a linux/amd64 host; skipped, saying so, without it.
 */
class WineRunTest {

    /** Where Debian's packages put the 64-bit loader: wine's wrapper on PATH, or wine64's own. */
    private static final List<Path> WINE = List.of(Path.of("/usr/bin/wine64"), Path.of("/usr/lib/wine/wine64"),
            Path.of("/usr/bin/wine"));

    @TempDir
    static Path work;

    private static Path wine;
    private static GoldenCorpus corpus;

    @BeforeAll
    static void setUp() {
        wine = WINE.stream().filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(wine != null, "needs Wine (apt-get install wine64): none of " + WINE);
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "runs linux/amd64 executables natively to compare");
        corpus = GoldenCorpus.locate();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "features"})
    void windowsExecutablePrintsWhatTheLinuxOnePrints(String program) throws Exception {
        Path linux = link(new Target("linux", "amd64"), program);
        Path windows = link(new Target("windows", "amd64"), program);
        String expected = run(Map.of(), linux.toString());
        // A prefix of the test's own: Wine creates it on first use, and leaves the user's alone.
        Path prefix = Path.of(System.getProperty("golink.reportDir", "target/conformance")).resolveSibling("wine-prefix")
                .toAbsolutePath();
        String printed = run(Map.of("WINEPREFIX", prefix.toString(), "WINEDEBUG", "-all"), wine.toString(),
                windows.toString());
        assertTrue(expected.length() > 0, "the linux/amd64 executable printed nothing");
        assertEquals(expected, printed, program + " under Wine");
    }

    /** Links the program's golden inputs for the target with golink, in process. */
    private static Path link(Target target, String program) throws Exception {
        Path dir = work.resolve(target.fileName());
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            corpus.unpackInputs(target, dir);
        }
        List<String> baseArgs = Files.readAllLines(dir.resolve(program).resolve("link.args"), StandardCharsets.UTF_8);
        Path out = dir.resolve(program + (target.goos().equals("windows") ? ".exe" : ".out"));
        GoBuild build = new GoBuild(baseArgs, CaseRunner.readEnv(dir.resolve("env")), dir);
        List<String> args = build.withOutput(CaseRunner.argsFor(build.args(), List.of()), out);
        new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .link(CommandLine.parse(args, build.env(), dir).options());
        return out;
    }

    /** What the command writes to its standard output; it must exit 0 within two minutes. */
    private static String run(Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }
}
