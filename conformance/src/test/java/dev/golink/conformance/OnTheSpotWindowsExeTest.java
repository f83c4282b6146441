package dev.golink.conformance;

import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The golden windows inputs come from {@code go build}, which links x86 windows
 * executables with -buildmode=pie; cmd/link's own default is exe, which makes
 * them without base relocations or PC thunks. Linked on the spot with
 * -buildmode=exe by cmd/link and by golink, they must be the same bytes. Needs
 * golang-1.19-go; skipped without it.
 */
class OnTheSpotWindowsExeTest {

    @TempDir
    static Path work;

    @BeforeAll
    static void setUp() {
        assumeTrue(GoBuild.available(), "needs Go 1.19.8 at " + GoBuild.GO);
    }

    @ParameterizedTest(name = "{1} for {0}")
    @CsvSource({"windows/amd64, hello", "windows/amd64, features", "windows/386, hello", "windows/386, asm"})
    void exeIsCmdLinks(String targetName, String program) throws Exception {
        Target target = Target.parse(targetName);
        Path dir = work.resolve(target.fileName() + "-" + program);
        Files.createDirectories(dir);
        GoldenCorpus.locate().unpackInputs(target, dir);
        List<String> baseArgs = Files.readAllLines(dir.resolve(program).resolve("link.args"), StandardCharsets.UTF_8);
        GoBuild build = new GoBuild(baseArgs, CaseRunner.readEnv(dir.resolve("env")), dir);
        List<String> flags = List.of("-buildmode=exe");
        Path expected = dir.resolve("cmdlink.exe");
        build.runCmdLink(flags, expected);
        Path ours = dir.resolve("golink.exe");
        List<String> args = build.withOutput(CaseRunner.argsFor(build.args(), flags), ours);
        new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .link(CommandLine.parse(args, build.env(), dir).options());
        byte[] want = Files.readAllBytes(expected);
        byte[] got = Files.readAllBytes(ours);
        if (!Arrays.equals(want, got)) {
            Difference d = RecordComparison.compare(Recorder.record(want), got, want);
            fail(program + " for " + target + " -buildmode=exe: " + (d == null ? "bytes differ" : d.summary()));
        }
    }
}
