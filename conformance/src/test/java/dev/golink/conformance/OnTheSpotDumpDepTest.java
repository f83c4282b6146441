package dev.golink.conformance;

import dev.golink.LinkException;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Programs outside the golden corpus, built on the spot by Go 1.19.8: golink's
 * dead-code edges must equal cmd/link's on the same link inputs. Needs
 * golang-1.19-go (CI installs it); skipped without it.
 */
class OnTheSpotDumpDepTest {

    private static Path gocache;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(GoBuild.available(), "needs Go 1.19.8 at " + GoBuild.GO);
        gocache = GoBuild.sharedCache();
    }

    @ParameterizedTest(name = "{0} for {1}")
    @CsvSource({
        "cmd/gofmt, linux/amd64",
        "cmd/addr2line, linux/arm64",
        "cmd/buildid, linux/386",
        "cmd/test2json, darwin/arm64",
        "cmd/pack, linux/ppc64",
        "cmd/nm, linux/mips",
        "cmd/gofmt, js/wasm",
    })
    void deadCodeEdgesEqualCmdLinks(String pkg, String target) throws Exception {
        GoBuild build = GoBuild.captureKept(pkg, GoBuild.GOROOT.resolve("src"), Target.parse(target), gocache, false, "", List.of());
        try {
            String expected = build.runCmdLink(List.of("-dumpdep"), build.work().resolve("cmdlink-out"));
            ByteArrayOutputStream edges = new ByteArrayOutputStream();
            List<String> args = CaseRunner.argsFor(build.args(), List.of("-dumpdep"));
            try {
                new Linker(new PrintStream(edges, true, StandardCharsets.UTF_8))
                        .link(CommandLine.parse(args, build.env(), build.work()).options());
            } catch (LinkException e) {
                // The phases after dead code may not exist yet; the edges are printed before them.
            }
            assertNull(EdgeSets.compare(expected, edges.toString(StandardCharsets.UTF_8)), pkg + " for " + target);
        } finally {
            build.delete();
        }
    }
}
