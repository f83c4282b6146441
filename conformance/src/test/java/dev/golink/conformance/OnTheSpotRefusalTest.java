package dev.golink.conformance;

import dev.golink.Target;
import dev.golink.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Programs cmd/link refuses, built on the spot by Go 1.19.8 for several
 * targets: golink must refuse them too, with cmd/link's exit status, its
 * error lines and what it prints on the standard output, and leave no output
 * file. The programs are under {@code src/test/resources/refusals/}. Needs
 * golang-1.19-go (CI installs it); skipped without it.
 */
class OnTheSpotRefusalTest {

    private static final List<String> PROGRAMS = List.of("nosplit");
    private static final List<String> TARGETS = List.of("linux/amd64", "linux/386", "linux/arm", "linux/arm64", "linux/mips",
            "linux/mips64", "linux/ppc64", "linux/riscv64", "linux/loong64", "linux/s390x", "darwin/amd64", "darwin/arm64",
            "js/wasm", "windows/amd64", "windows/386", "windows/arm64", "windows/arm");

    @TempDir
    static Path sources;

    private static Path gocache;

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue(GoBuild.available(), "needs Go 1.19.8 at " + GoBuild.GO);
        gocache = Path.of(System.getProperty("golink.reportDir", "target/conformance")).resolveSibling("gocache");
        Files.createDirectories(gocache);
        for (String program : PROGRAMS) {
            Path dir = Files.createDirectories(sources.resolve(program));
            for (String file : List.of("go.mod", "main.go")) {
                try (InputStream in = OnTheSpotRefusalTest.class.getResourceAsStream("/refusals/" + program + "/" + file)) {
                    Files.write(dir.resolve(file), in.readAllBytes());
                }
            }
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String program : PROGRAMS) {
            for (String target : TARGETS) {
                cases.add(Arguments.of(program, target));
            }
        }
        return cases.stream();
    }

    /** The ports cmd/link links only externally (cf. sys.MustLinkExternal): golink, which links internally only, refuses them. */
    private static final List<String> EXTERNAL_ONLY = List.of("android/386", "android/amd64", "android/arm", "ios/arm64");

    /**
     * An external-only port, with go build's flags (-buildmode=pie) and with -buildmode=exe: golink
     * refuses it as cmd/link refuses -linkmode=internal there, in the same words and exit status
     * (cmd/link's default, an external link through gcc, depends on the host's C toolchain).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("externalOnly")
    void externalOnlyPortsRefusedAsCmdLinkRefusesAnInternalLink(String targetName) throws Exception {
        GoBuild build = GoBuild.captureKept(".", sources.resolve("nosplit"), Target.parse(targetName), gocache, true, "", List.of());
        try {
            for (String buildMode : List.of("pie", "exe")) {
                List<String> args = new ArrayList<>(build.args());
                args.replaceAll(a -> a.startsWith("-buildmode=") ? "-buildmode=" + buildMode : a);
                GoBuild flags = new GoBuild(args, build.env(), build.work());
                GoBuild.Run expected = flags.runCmdLinkAnyway(List.of("-linkmode=internal"), build.work().resolve("cmdlink-out"));
                assertEquals(2, expected.status(), expected.stderr());
                for (List<String> extra : List.of(List.<String>of(), List.of("-linkmode=internal"))) {
                    Path ours = build.work().resolve("golink-out");
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ByteArrayOutputStream err = new ByteArrayOutputStream();
                    int status = Main.run(flags.withOutput(CaseRunner.argsFor(args, extra), ours), build.env(), build.work(),
                            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                            .status();
                    String what = "-buildmode=" + buildMode + " " + extra;
                    assertEquals(expected.stderr().replace(GoBuild.CMD_LINK + ": ", "link: "),
                            err.toString(StandardCharsets.UTF_8).replace("golink: ", "link: "), "the errors, " + what);
                    assertEquals(expected.stdout(), out.toString(StandardCharsets.UTF_8), "the standard output, " + what);
                    assertEquals(expected.status(), status, "the exit status, " + what);
                    assertFalse(Files.exists(ours), "no output file, " + what);
                }
            }
        } finally {
            build.delete();
        }
    }

    static Stream<String> externalOnly() {
        return EXTERNAL_ONLY.stream();
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("cases")
    void refusedAsCmdLinkRefusesIt(String program, String targetName) throws Exception {
        GoBuild build = GoBuild.captureKept(".", sources.resolve(program), Target.parse(targetName), gocache, true, "", List.of());
        try {
            GoBuild.Run expected = build.runCmdLinkAnyway(List.of(), build.work().resolve("cmdlink-out"));
            assertNotEquals(0, expected.status(), "cmd/link links " + program + " for " + targetName);

            Path ours = build.work().resolve("golink-out");
            GoBuild.Run actual = build.runGolink(build.withOutput(build.args(), ours));
            assertEquals(expected.stderr(), actual.stderr(), "the errors");
            assertEquals(expected.stdout(), actual.stdout(), "the standard output");
            assertEquals(expected.status(), actual.status(), "the exit status");
            assertFalse(Files.exists(ours), "no output file");
        } finally {
            build.delete();
        }
    }
}
