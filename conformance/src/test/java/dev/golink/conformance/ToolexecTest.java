package dev.golink.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The extended conformance: golink as the link step of the go command
 * ({@code linker/golink-toolexec}), with every link also done by cmd/link on the
 * same inputs and compared byte for byte by the launcher. Needs golang-1.19-go
 * (CI installs it); skipped without it.
 */
class ToolexecTest {

    private static Path repo;
    private static Path work;

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue(GoBuild.available(), "needs Go 1.19.8 at " + GoBuild.GO);
        repo = GoldenCorpus.locate().root().getParent();
        assertTrue(Files.isRegularFile(repo.resolve("linker/target/golink.jar")), "the linker module is packaged first");
        work = Path.of(System.getProperty("golink.reportDir", "target/conformance")).resolveSibling("toolexec");
        Files.createDirectories(work);
    }

    /** Runs the go command through the launcher; returns the launcher's log. */
    private static List<String> go(Map<String, String> extraEnv, String... args) throws Exception {
        return goIn(work, extraEnv, args);
    }

    /** As {@link #go}, in folder {@code dir} (a module's, to build it). */
    private static List<String> goIn(Path dir, Map<String, String> extraEnv, String... args) throws Exception {
        Path log = Files.createTempFile(work, "toolexec-", ".log");
        List<String> cmd = new ArrayList<>(List.of(GoBuild.GO.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GOLINK_JAR", repo.resolve("linker/target/golink.jar").toString());
        env.put("GOLINK_TOOLEXEC_COMPARE", "1");
        // linker/golink's link server serves every link of these builds: one of this test's own,
        // which stops soon after the last.
        env.put("XDG_RUNTIME_DIR", work.resolveSibling("runtime").toString());
        env.put("GOLINK_SERVER_IDLE", "20");
        env.put("GOLINK_TOOLEXEC_LOG", log.toString());
        env.put("CGO_ENABLED", "0");
        env.put("GOFLAGS", "");
        env.put("GOPROXY", "off");
        env.put("GOCACHE", work.resolveSibling("gocache").toString());
        env.putAll(extraEnv);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), () -> String.join(" ", cmd) + " failed:\n" + out);
        return Files.readAllLines(log);
    }

    private static String toolexec() {
        return "-toolexec=" + repo.resolve("linker/golink-toolexec");
    }

    @Test
    void goTestPassesWithTestBinariesIdenticalToCmdLinks() throws Exception {
        List<String> pkgs = List.of("strings", "strconv", "sort", "bytes", "fmt", "encoding/json", "regexp",
                "math/big", "compress/flate");
        List<String> args = new ArrayList<>(List.of("test", "-count=1", toolexec()));
        args.addAll(pkgs);
        List<String> log = go(Map.of(), args.toArray(String[]::new));
        for (String pkg : pkgs) {
            String binary = "/" + pkg.substring(pkg.lastIndexOf('/') + 1) + ".test";
            assertTrue(log.stream().anyMatch(l -> l.startsWith("identical ") && l.contains(binary + " (")),
                    "golink linked " + pkg + "'s test binary identically: " + log);
        }
    }

    /**
     * time's tests read GOROOT/lib/time/zoneinfo.zip, which Debian's Go does not
     * ship (it uses the system's tzdata): with cmd/link as with golink, two of them
     * fail there. So the test binary is linked through the launcher (and compared),
     * then run with every test but those two.
     */
    @Test
    void timeTestsPassWithAnIdenticalTestBinary() throws Exception {
        Path binary = work.resolve("time.test");
        Files.deleteIfExists(binary);
        List<String> log = go(Map.of(), "test", "-c", "-tags=timetzdata", toolexec(), "-o", binary.toString(), "time");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("identical ")), "golink linked time.test: " + log);
        Path dir = GoBuild.GOROOT.resolve("src/time");
        String list = run(dir, binary.toString(), "-test.list", ".*");
        List<String> tests = list.lines().filter(t -> t.startsWith("Test") || t.startsWith("Example"))
                .filter(t -> !t.equals("TestLoadLocationFromTZData") && !t.equals("TestEmbeddedTZData")).toList();
        assertTrue(tests.size() > 100, list);
        String out = run(dir, binary.toString(), "-test.run", "^(" + String.join("|", tests) + ")$");
        assertTrue(out.strip().endsWith("PASS"), out);
    }

    private static String run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), () -> String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }

    /**
     * cmd/go for the targets {@code -Dgolink.toolexec.targets=goos/goarch,...} names (openbsd/arm64,
     * a libc port, for one: 378 s here with a cold cache on 2 busy cores, too long for every
     * build); skipped without the property.
     */
    @Test
    void goBuildLinksCmdGoIdenticallyForNamedTargets() throws Exception {
        String named = System.getProperty("golink.toolexec.targets", "");
        assumeTrue(!named.isBlank(), "-Dgolink.toolexec.targets=goos/goarch,... names the targets");
        for (String t : named.split(",")) {
            String[] goosArch = t.strip().split("/");
            goBuildLinksIdenticalToCmdLink("cmd/go", goosArch[0], goosArch[1]);
        }
    }

    @ParameterizedTest(name = "{0} for {1}/{2}")
    @CsvSource({
        "cmd/gofmt, linux, amd64",
        "cmd/nm, linux, amd64",
        "cmd/gofmt, linux, arm64",
        "cmd/addr2line, linux, s390x",
        "cmd/go, linux, amd64",
        "cmd/go, darwin, arm64",
        "cmd/go, linux, riscv64",
        "cmd/go, linux, loong64",
        "cmd/go, freebsd, amd64",
        "cmd/go, windows, amd64",
        "cmd/go, windows, arm64",
        "cmd/gofmt, windows, 386",
        "cmd/gofmt, windows, arm",
        "cmd/gofmt, solaris, amd64",
        "cmd/gofmt, illumos, amd64",
        "cmd/go, aix, ppc64",
        "cmd/go, android, arm64",
        "cmd/go, plan9, amd64",
    })
    void goBuildLinksIdenticalToCmdLink(String pkg, String goos, String goarch) throws Exception {
        Path out = work.resolve(pkg.replace('/', '-') + "-" + goos + "-" + goarch);
        Files.deleteIfExists(out); // else go build finds it up to date and links nothing
        List<String> log = go(Map.of("GOOS", goos, "GOARCH", goarch), "build", toolexec(), "-o", out.toString(), pkg);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("identical ")), "golink linked " + pkg + ": " + log);
        assertTrue(Files.size(out) > 1_000_000);
    }

    /**
     * A pointer in data to a symbol the runtime imports from libc: on Solaris cmd/link gives it a
     * RELATIVE dynamic relocation in .rela and keeps the link-time value in the file.
     */
    @Test
    void solarisDataPointerToAnImportIsIdentical() throws Exception {
        Path src = work.resolve("dataptr-src");
        Files.createDirectories(src);
        for (String file : List.of("go.mod", "main.go")) {
            try (java.io.InputStream in = ToolexecTest.class.getResourceAsStream("/dynimport/dataptr/" + file)) {
                Files.write(src.resolve(file), in.readAllBytes());
            }
        }
        Path out = work.resolve("dataptr-solaris-amd64");
        Files.deleteIfExists(out);
        List<String> log = goIn(src, Map.of("GOOS", "solaris", "GOARCH", "amd64"), "build", toolexec(), "-o",
                out.toString(), ".");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("identical ")), "golink linked dataptr: " + log);
    }
}
