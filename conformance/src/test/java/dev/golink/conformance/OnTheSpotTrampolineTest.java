package dev.golink.conformance;

import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The trampoline pass against cmd/link: the golden programs of the targets
 * with trampolines are linked on the spot with {@code -debugtramp=2}, which
 * lays text out as if it were too large for direct calls and puts a
 * trampoline on every call between packages, by cmd/link and by golink; the
 * bytes must be the same. Needs golang-1.19-go (CI installs it); skipped
 * without it. cmd/link's runs are kept beside the go build cache, keyed by the
 * target's golden inputs, so that later runs (PIT's JVMs) link with golink only.
 */
class OnTheSpotTrampolineTest {

    private static final List<String> TARGETS = List.of("linux/arm", "linux/arm64", "linux/ppc64", "darwin/arm64",
            "windows/arm", "windows/arm64", "aix/ppc64", "linux/riscv64");
    private static final List<List<String>> VARIANTS = List.of(List.of(), List.of("-s", "-w"));

    @TempDir
    static Path work;

    private static GoldenCorpus corpus;
    private static final Map<Target, Path> inputs = new HashMap<>();

    @BeforeAll
    static void setUp() {
        assumeTrue(GoBuild.available(), "needs Go 1.19.8 at " + GoBuild.GO);
        corpus = GoldenCorpus.locate();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String target : TARGETS) {
            for (String program : List.of("hello", "features", "asm")) {
                for (List<String> variant : VARIANTS) {
                    cases.add(Arguments.of(target, program, variant));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} for {0} {2}")
    @MethodSource("cases")
    void debugtrampOutputIsCmdLinks(String targetName, String program, List<String> variant) throws Exception {
        Target target = Target.parse(targetName);
        Path dir = unpack(target);
        List<String> baseArgs = Files.readAllLines(dir.resolve(program).resolve("link.args"), StandardCharsets.UTF_8);
        // cmd/link's runs are kept (target/link-inputs), so that a mutation-testing run pays for them once.
        GoBuild build = GoBuild.kept(baseArgs, CaseRunner.readEnv(dir.resolve("env")), dir, GoBuild.sharedCache(),
                List.of("debugtramp", targetName, program), corpus.targetDir(GoldenTarget.of(target)).resolve("inputs.tar.xz"));
        List<String> flags = new ArrayList<>(List.of("-debugtramp=2"));
        flags.addAll(variant);
        String name = program + String.join("", variant);

        Path expected = dir.resolve(name + ".cmdlink.out");
        build.runCmdLink(flags, expected);
        Path ours = dir.resolve(name + ".golink.out");
        List<String> args = build.withOutput(CaseRunner.argsFor(build.args(), flags), ours);
        new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .link(CommandLine.parse(args, build.env(), dir).options());

        byte[] want = Files.readAllBytes(expected);
        byte[] got = Files.readAllBytes(ours);
        // The function name table names the trampolines even without a symbol table.
        assertTrue(contains(want, "-tramp0"), "cmd/link made no trampolines");
        if (!Arrays.equals(want, got)) {
            Difference d = RecordComparison.compare(Recorder.record(want), got, want);
            fail(program + " for " + target + " " + flags + ": " + (d == null ? "bytes differ" : d.summary()));
        }
    }

    private static synchronized Path unpack(Target target) throws Exception {
        Path dir = inputs.get(target);
        if (dir == null) {
            dir = Files.createDirectories(work.resolve(target.fileName()));
            corpus.unpackInputs(GoldenTarget.of(target), dir);
            inputs.put(target, dir);
        }
        return dir;
    }

    private static boolean contains(byte[] hay, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= hay.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (hay[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
