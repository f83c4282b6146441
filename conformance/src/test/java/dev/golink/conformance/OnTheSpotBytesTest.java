package dev.golink.conformance;

import dev.golink.Target;
import dev.golink.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Go's file names and package paths are bytes: golink must carry them as the
 * compiler wrote them. A program built in a folder whose name holds the byte
 * 0xE9 (Latin-1 "é", not UTF-8) names its files with that byte in the
 * function table's file table and the DWARF line table, and golink's output
 * must be cmd/link's. And the command line ({@code linker/golink}) must take
 * non-ASCII paths under {@code LANG=C}: a folder, {@code -o caf\u00e9.out} and an
 * importcfg entry under {@code \u00fcber/}. Needs golang-1.19-go; skipped without it.
 */
class OnTheSpotBytesTest {

    @TempDir
    static Path work;

    private static Path gocache;
    private static Path repo;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(GoBuild.available(), "needs Go 1.19.8 at " + GoBuild.GO);
        gocache = Path.of(System.getProperty("golink.reportDir", "target/conformance")).resolveSibling("gocache");
        Files.createDirectories(gocache);
        repo = GoldenCorpus.locate().root().getParent();
    }

    @Test
    void fileNamesThatAreNotUtf8AreCarriedAsBytes() throws Exception {
        Path src = work.resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("go.mod"), "module example.com/bytes\n\ngo 1.19\n");
        Files.writeString(src.resolve("main.go"), "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hi\") }\n");
        // Java cannot name the folder in a UTF-8 locale: the shell makes it and builds there.
        String script = "d=$(printf 'caf\\351') && mkdir -p \"$d\" && cp go.mod main.go \"$d\"/ && cd \"$d\" && "
                + "exec " + GoBuild.GO + " build -x -work -buildvcs=false -o ../out.bin .";
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).directory(src.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> penv = pb.environment();
        penv.put("GOOS", "linux");
        penv.put("GOARCH", "amd64");
        penv.put("CGO_ENABLED", "0");
        penv.put("GOFLAGS", "");
        penv.put("GOPROXY", "off");
        penv.put("GOCACHE", gocache.toString());
        Process p = pb.start();
        String log = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        GoBuild build = GoBuild.fromLog(log, Target.parse("linux/amd64"));
        try {
            Path theirs = build.work().resolve("cmdlink.out");
            GoBuild.Run expected = build.runCmdLinkAnyway(List.of(), theirs);
            assertEquals(0, expected.status(), expected.stderr());
            byte[] want = Files.readAllBytes(theirs);
            assertTrue(indexOf(want, "caf\u00e9/main.go".getBytes(StandardCharsets.ISO_8859_1)) >= 0,
                    "cmd/link's output names caf\\xe9/main.go");

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

    @Test
    void theCommandLineTakesNonAsciiPathsUnderLangC() throws Exception {
        Path jar = repo.resolve("linker/target/golink.jar");
        assumeTrue(Files.isRegularFile(jar), "the linker module is packaged first");
        // This JVM must itself name the folder: it needs a UTF-8 locale (the golink it runs has LANG=C).
        assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")), "needs a UTF-8 locale");
        Path dir = work.resolve("d\u00e9j\u00e0 vu");
        Files.createDirectories(dir);
        GoldenCorpus.locate().unpackInputs(GoldenTarget.parse("linux/amd64"), dir);
        List<String> args = Files.readAllLines(dir.resolve("hello/link.args"), StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>(CaseRunner.readEnv(dir.resolve("env")));
        // fmt's archive moves to a folder named "\u00fcber", and the importcfg says so.
        Path importcfg = dir.resolve("hello/importcfg.link");
        List<String> cfg = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(importcfg, StandardCharsets.UTF_8)) {
            if (line.startsWith("packagefile fmt=")) {
                Path uber = Files.createDirectories(dir.resolve("\u00fcber"));
                Files.move(dir.resolve(line.substring("packagefile fmt=".length())), uber.resolve("fmt.a"));
                line = "packagefile fmt=\u00fcber/fmt.a";
            }
            cfg.add(line);
        }
        assertTrue(cfg.stream().anyMatch(l -> l.contains("\u00fcber/fmt.a")), "the importcfg has no fmt entry");
        Files.write(importcfg, cfg, StandardCharsets.UTF_8);
        GoBuild build = new GoBuild(args, env, dir);
        Path theirs = dir.resolve("cmdlink.out");
        assertEquals(0, build.runCmdLinkAnyway(List.of(), theirs).status());

        Path ours = dir.resolve("caf\u00e9.out");
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(repo.resolve("linker/golink").toString());
        List<String> a = build.withOutput(args, ours);
        // Absolute paths, so that the arguments themselves hold the folder's name.
        a.set(a.size() - 1, dir.resolve(a.get(a.size() - 1)).toString());
        a.set(a.indexOf("-importcfg") + 1, dir.resolve("hello/importcfg.link").toString());
        cmd.addAll(a);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().put("HOME", System.getProperty("java.io.tmpdir"));
        pb.environment().put("LANG", "C");
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("GOLINK_SERVER", "0");
        pb.environment().put("GOLINK_JAR", jar.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertTrue(Arrays.equals(Files.readAllBytes(theirs), Files.readAllBytes(ours)), "golink's bytes differ");
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
