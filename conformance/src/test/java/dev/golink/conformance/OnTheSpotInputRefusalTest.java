package dev.golink.conformance;

import dev.golink.cli.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Inputs that are not what the link needs, linked by cmd/link and by golink in
 * copies of hello's golden inputs (linux/amd64): both must fail with the same
 * exit status, the same standard output and the same errors, files named as
 * the command line names them. Needs Go 1.19.8's cmd/link; skipped without it.
 */
class OnTheSpotInputRefusalTest {

    @TempDir
    Path dir;

    private Map<String, String> env;

    @BeforeEach
    void unpack() throws Exception {
        assumeTrue(GoBuild.available(), "needs Go 1.19.8 at " + GoBuild.GO);
        GoldenCorpus.locate().unpackInputs(GoldenTarget.parse("linux/amd64"), dir);
        env = new java.util.HashMap<>(CaseRunner.readEnv(dir.resolve("env")));
    }

    private String mainArchive() throws IOException {
        List<String> args = Files.readAllLines(dir.resolve("hello/link.args"), StandardCharsets.UTF_8);
        return args.get(args.size() - 1);
    }

    /** Links {@code args} with both, in {@code dir}, and requires the same outcome. */
    private void sameRefusal(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(GoBuild.CMD_LINK.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PATH", "/usr/bin:/bin");
        Process p = pb.redirectErrorStream(false).start();
        String theirOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String theirErr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int theirStatus = p.waitFor();
        assertNotEquals(0, theirStatus, "cmd/link links it");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), env, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).status();
        assertEquals(theirErr.replace(GoBuild.CMD_LINK + ": ", "link: "),
                err.toString(StandardCharsets.UTF_8).replace("golink: ", "link: "), "the errors");
        assertEquals(theirOut, out.toString(StandardCharsets.UTF_8), "the standard output");
        assertEquals(theirStatus, status, "the exit status");
    }

    @Test
    void uncompiledGoSource() throws Exception {
        Files.writeString(dir.resolve("x.go"), "go objects come from the compiler\n");
        sameRefusal("-o", "out", "-importcfg", "hello/importcfg.link", "x.go");
    }

    @Test
    void notAnObjectAtAll() throws Exception {
        Files.writeString(dir.resolve("y.go"), "package main\n");
        sameRefusal("-o", "out", "-importcfg", "hello/importcfg.link", "y.go");
    }

    @Test
    void aPackageTheImportcfgDoesNotName() throws Exception {
        List<String> cfg = new ArrayList<>(Files.readAllLines(dir.resolve("hello/importcfg.link")));
        cfg.removeIf(l -> l.startsWith("packagefile fmt="));
        Files.write(dir.resolve("nofmt.cfg"), cfg);
        sameRefusal("-o", "out", "-importcfg", "nofmt.cfg", mainArchive());
    }

    @Test
    void outputsAreNamedAsGiven() throws Exception {
        Files.createDirectories(dir.resolve("adir"));
        sameRefusal("-o", "nodir/x", "-importcfg", "hello/importcfg.link", mainArchive());
        sameRefusal("-o", "./adir", "-importcfg", "hello/importcfg.link", mainArchive());
        sameRefusal("-o", "./adir/", "-importcfg", "hello/importcfg.link", mainArchive());
    }

    @Test
    void libraryFoldersAreNamedAsGiven() throws Exception {
        // Every package in a -L folder, fmt's header damaged: both report it under the folder's name as
        // given (cleaned), and link on to fail with that alone.
        for (String line : Files.readAllLines(dir.resolve("hello/importcfg.link"))) {
            if (line.startsWith("packagefile ")) {
                String[] kv = line.substring("packagefile ".length()).split("=", 2);
                Path to = dir.resolve("lib/" + kv[0] + ".a");
                Files.createDirectories(to.getParent());
                Files.copy(dir.resolve(kv[1]), to);
            }
        }
        Path fmt = dir.resolve("lib/fmt.a");
        byte[] b = Files.readAllBytes(fmt);
        String text = new String(b, StandardCharsets.ISO_8859_1);
        b[text.indexOf("X:regabiwrappers", text.indexOf("_go_.o")) + 2] ^= 0x20; // the object's line, not __.PKGDEF's
        Files.write(fmt, b);
        sameRefusal("-o", "out", "-L", "./lib", mainArchive());
        // Without any folder holding it, a package is looked for last as GOROOT's NAME.o.
        env.put("GOROOT", dir.resolve("nogoroot").toString());
        sameRefusal("-o", "out", "-L", "./nolib", mainArchive());
    }
}
