package dev.golink.conformance;

import dev.golink.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Programs that refer to symbols nothing defines, built on the spot by Go 1.19.8: golink must say what
 * cmd/link says of each (referring symbol, undefined target) pair, in its order and words, stop where
 * cmd/link stops ("too many errors"), and exit as it does; where cmd/link links the program anyway (wasm
 * code is never relocated by it), golink's output must be its bytes. The golden {@code undefined} case
 * has one undefined function, so it cannot tell these rules apart. The programs are under
 * {@code src/test/resources/undefined/}. Skipped without Go 1.19.8.
 */
class OnTheSpotUndefinedTest {

    private static Path gocache;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(GoBuild.available(), "needs Go 1.19.8 at " + GoBuild.GO);
        gocache = GoBuild.sharedCache();
    }

    @ParameterizedTest(name = "{0} for {1}")
    @CsvSource({
        "many, linux/amd64", "many, windows/386", "many, darwin/arm64", "many, js/wasm",
        "data, linux/amd64", "data, js/wasm",
        "toomany, linux/amd64", "toomany, linux/arm", "toomany, js/wasm",
        "nomain, linux/amd64", "nomain, js/wasm",
        "abi0, linux/amd64", "abi0, windows/amd64",
        "abiint, linux/amd64",
    })
    void saysWhatCmdLinkSaysOfUndefinedSymbols(String program, String target) throws Exception {
        Path src = Path.of(OnTheSpotUndefinedTest.class.getResource("/undefined/" + program).toURI());
        GoBuild build = GoBuild.captureKept(".", src, Target.parse(target), gocache, true, "", List.of());
        try {
            Path theirs = build.work().resolve("cmdlink.out");
            GoBuild.Run expected = build.runCmdLinkAnyway(List.of(), theirs);

            Path ours = build.work().resolve("golink.out");
            GoBuild.Run actual = build.runGolink(build.withOutput(build.args(), ours));
            assertEquals(expected.stderr().replace(GoBuild.CMD_LINK + ": ", "link: "),
                    actual.stderr().replace("golink: ", "link: "), "the errors");
            assertEquals(expected.stdout(), actual.stdout(), "the standard output");
            assertEquals(expected.status(), actual.status(), "the exit status");
            if (expected.status() == 0) {
                byte[] want = Files.readAllBytes(theirs);
                byte[] got = Files.readAllBytes(ours);
                assertEquals(want.length, got.length, "file size");
                assertEquals(-1, Arrays.mismatch(want, got), "first differing byte");
            } else {
                assertFalse(Files.exists(ours), "no output file");
            }
        } finally {
            build.delete();
        }
    }
}
