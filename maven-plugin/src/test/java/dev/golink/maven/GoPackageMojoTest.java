package dev.golink.maven;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code <goPackage>} input, with Debian's Go 1.19.8: the go command compiles, golink links in
 * the Maven JVM, and the outputs are {@code go build}'s bytes.
 */
@MojoTest
@MojoParameter(name = "finalName", value = "hello")
class GoPackageMojoTest {

    /** Debian's Go 1.19, the reference toolchain; the tests that need it are skipped without it. */
    static final Path GO_119 = Path.of("/usr/lib/go-1.19/bin/go");

    @TempDir
    Path tmp;

    @Inject
    MavenProject project;

    Path pkg;
    /** A go command that records each of its runs in {@link #goRuns} and then runs Go 1.19. */
    Path go;
    Path goRuns;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(GO_119), "needs Debian's golang-1.19-go");
        project.setArtifact(new DefaultArtifact("dev.golink.test", "hello", "1.0", null, "jar", null,
                new DefaultArtifactHandler("jar")));
        pkg = Files.createDirectories(tmp.resolve("hello"));
        Files.writeString(pkg.resolve("go.mod"), "module example.com/hello\n\ngo 1.19\n");
        Files.createDirectories(pkg.resolve("greet"));
        Files.writeString(pkg.resolve("greet/greet.go"), """
                package greet

                func Hello(who string) string { return "hello, " + who }
                """);
        Files.writeString(pkg.resolve("main.go"), """
                package main

                import (
                	"fmt"

                	"example.com/hello/greet"
                )

                var version = "dev"

                func main() { fmt.Println(greet.Hello("world"), version) }
                """);
        goRuns = tmp.resolve("go-runs");
        go = tmp.resolve("bin/go");
        Files.createDirectories(go.getParent());
        Files.writeString(go, "#!/bin/sh\necho \"$*\" >>" + goRuns + "\nexec " + GO_119 + " \"$@\"\n");
        assertTrue(go.toFile().setExecutable(true));
    }

    LinkMojo configure(LinkMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "goPackage", pkg.toFile());
        setVariableValueToObject(mojo, "goExecutable", go.toString());
        setVariableValueToObject(mojo, "outputDirectory", tmp.resolve("out").toFile());
        return mojo;
    }

    /** What {@code go build} writes for {@code target} with these flags and environment. */
    byte[] goBuild(String target, Map<String, String> extraEnv, String... flags) throws Exception {
        Path out = tmp.resolve("go-build-" + target.replace('/', '-'));
        List<String> command = new ArrayList<>(List.of(GO_119.toString(), "build", "-o", out.toString()));
        command.addAll(List.of(flags));
        command.add(".");
        ProcessBuilder pb = new ProcessBuilder(command).directory(pkg.toFile()).redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(Map.of("GOOS", target.split("/")[0], "GOARCH", target.split("/")[1],
                "CGO_ENABLED", "0"));
        env.putAll(extraEnv);
        pb.environment().putAll(env);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        return Files.readAllBytes(out);
    }

    private long goRunCount() throws Exception {
        return Files.exists(goRuns) ? Files.readAllLines(goRuns).size() : 0;
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64,darwin/arm64")
    void theOutputsAreGoBuildsAndASecondRunStartsNoProcess(LinkMojo mojo) throws Exception {
        configure(mojo);
        setVariableValueToObject(mojo, "environment", Map.of("GOFLAGS", "-trimpath"));
        java.util.Properties variables = new java.util.Properties();
        variables.setProperty("main.version", "1.0 beta");
        setVariableValueToObject(mojo, "variables", variables);
        mojo.execute();
        for (String target : List.of("linux/amd64", "darwin/arm64")) {
            assertArrayEquals(goBuild(target, Map.of("GOFLAGS", "-trimpath"), "-ldflags=-X 'main.version=1.0 beta'"),
                    Files.readAllBytes(tmp.resolve("out/hello-" + target.replace('/', '-'))), target);
        }
        String runs = Files.readString(goRuns);
        assertFalse(runs.contains(" -x "), runs);

        long before = goRunCount();
        mojo.execute();
        assertEquals(before, goRunCount(), "an up-to-date build starts no go process");

        // An edit to a source file is seen.
        Files.writeString(pkg.resolve("greet/greet.go"), "package greet\n\nfunc Hello(w string) string { return w }\n");
        mojo.execute();
        assertTrue(goRunCount() > before);
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64,js/wasm")
    void theUsersLinkServerGivesTheSameBytesAndOutlivesTheBuild(LinkMojo mojo) throws Exception {
        configure(mojo);
        Path runtime = Files.createDirectories(tmp.resolve("runtime"));
        setVariableValueToObject(mojo, "environment", Map.of("XDG_RUNTIME_DIR", runtime.toString()));
        setVariableValueToObject(mojo, "linkServer", true);
        mojo.execute();
        Path pid;
        try (var files = Files.walk(runtime)) {
            pid = files.filter(p -> p.getFileName().toString().equals("pid")).findFirst().orElseThrow();
        }
        ProcessHandle server = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).orElseThrow();
        try {
            assertTrue(server.isAlive(), "the server outlives the build");
            assertArrayEquals(goBuild("linux/amd64", Map.of()), Files.readAllBytes(tmp.resolve("out/hello-linux-amd64")));
            assertArrayEquals(goBuild("js/wasm", Map.of()), Files.readAllBytes(tmp.resolve("out/hello-js-wasm.wasm")));
        } finally {
            server.destroy();
            server.onExit().join();
        }

        // The stopped server recorded its class-data archive, renamed into place once complete;
        // the next server starts from it, and links the same bytes.
        Path archive = pid.resolveSibling(Runtime.version().feature() >= 25 ? "golink.aot" : "golink.jsa");
        for (int i = 0; i < 300 && !Files.exists(archive); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.size(archive) > 0, "the stopped server left its archive");
        Files.delete(tmp.resolve("out/hello-linux-amd64"));
        mojo.execute();
        server = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).orElseThrow();
        try {
            String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(server.pid()), "cmdline")),
                    StandardCharsets.UTF_8);
            assertTrue(cmdline.contains("-XX:SharedArchiveFile=" + archive) || cmdline.contains("-XX:AOTCache=" + archive),
                    "the new server uses the archive: " + cmdline);
            assertArrayEquals(goBuild("linux/amd64", Map.of()), Files.readAllBytes(tmp.resolve("out/hello-linux-amd64")));
        } finally {
            server.destroy();
            server.onExit().join();
        }
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void goflagsLdflagsAndVariablesAreMergedAsGoBuildRecordsThem(LinkMojo mojo) throws Exception {
        configure(mojo);
        setVariableValueToObject(mojo, "environment", Map.of("GOFLAGS", "-ldflags=-w"));
        setVariableValueToObject(mojo, "strip", true);
        mojo.execute();
        assertArrayEquals(goBuild("linux/amd64", Map.of(), "-ldflags=-w -s"),
                Files.readAllBytes(tmp.resolve("out/hello-linux-amd64")));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64,js/wasm")
    void aCompileErrorIsShownOnceNamingItsTargets(LinkMojo mojo) throws Exception {
        Files.writeString(pkg.resolve("greet/greet.go"), "package greet\n\nfunc Hello(w string) string {\n");
        MojoFailureException e = assertThrows(MojoFailureException.class, configure(mojo)::execute);
        assertEquals("go build of <goPackage> " + pkg + " failed for linux/amd64, js/wasm:\n"
                + "# example.com/hello/greet\n"
                + "greet/greet.go:4:1: syntax error: unexpected EOF, expecting }", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void aLinkErrorIsGolinksMessage(LinkMojo mojo) throws Exception {
        Files.writeString(pkg.resolve("main.go"), """
                package main

                import _ "unsafe"

                //go:linkname missing runtime.noSuchFunction
                func missing()

                func main() { missing() }
                """);
        Files.writeString(pkg.resolve("empty.s"), "");
        MojoFailureException e = assertThrows(MojoFailureException.class, configure(mojo)::execute);
        assertTrue(e.getMessage().startsWith("go build of <goPackage> " + pkg + " failed for linux/amd64:\n"
                + "# example.com/hello\n"), e.getMessage());
        // cmd/link's words, as cmd/link prints them.
        assertTrue(e.getMessage().contains("main.main: relocation target runtime.noSuchFunction not defined"),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out/hello-linux-amd64")));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void aBuildIdIsGoBuildsBusiness(LinkMojo mojo) throws Exception {
        setVariableValueToObject(configure(mojo), "buildId", "mine");
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("<buildId> cannot be used with <goPackage>"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void aGoOtherThan119FailsNamingGoExecutable(LinkMojo mojo) throws Exception {
        configure(mojo);
        setVariableValueToObject(mojo, "goExecutable", GoToolchainTest.fakeGo(tmp, "go1.22.1").toString());
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("<goExecutable>: "), e.getMessage());
        assertTrue(e.getMessage().contains("go1.22.1"), e.getMessage());
    }
}
