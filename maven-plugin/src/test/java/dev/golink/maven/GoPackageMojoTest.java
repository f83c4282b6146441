package dev.golink.maven;

import dev.golink.LinkException;
import dev.golink.LinkOptions;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The {@code <goPackage>} input: the Go toolchain compiles, golink links. */
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

    /** What the linker saw while it linked: options, and the importcfg text (go's work folder goes afterwards). */
    final List<LinkOptions> links = new ArrayList<>();
    final List<String> importcfgs = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        project.setArtifact(new DefaultArtifact("dev.golink.test", "hello", "1.0", null, "jar", null,
                new DefaultArtifactHandler("jar")));
        pkg = Files.createDirectories(tmp.resolve("hello"));
        Files.writeString(pkg.resolve("go.mod"), "module example.com/hello\n\ngo 1.19\n");
        Files.writeString(pkg.resolve("main.go"), """
                package main

                import "fmt"

                var version = "dev"

                func main() { fmt.Println("hello", version) }
                """);
    }

    LinkMojo configure(LinkMojo mojo, Path go, boolean fakeLinker) throws Exception {
        setVariableValueToObject(mojo, "goPackage", pkg.toFile());
        setVariableValueToObject(mojo, "goExecutable", go.toString());
        setVariableValueToObject(mojo, "outputDirectory", tmp.resolve("out").toFile());
        // One target at a time: the tests read the links in target order.
        setVariableValueToObject(mojo, "threads", 1);
        if (fakeLinker) {
            mojo.linkStep = (options, report) -> {
                try {
                    links.add(options);
                    importcfgs.add(Files.readString(options.importcfg()));
                    assertTrue(Files.isRegularFile(options.mainArchive()), options.mainArchive().toString());
                    Files.writeString(options.output(), "linked");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        }
        return mojo;
    }

    /**
     * A stand-in go command that answers {@code go env} like Debian's Go 1.19 and
     * whose {@code go build -x -work} leaves a work folder with an importcfg.link and a main archive.
     */
    Path fakeGo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Path go = tmp.resolve("bin/go");
        Files.createDirectories(go.getParent());
        Files.writeString(go, """
                #!/bin/sh
                case "$1" in
                env)
                	shift
                	for v in "$@"; do
                		case "$v" in
                		GOVERSION) echo go1.19.8 ;;
                		GOROOT) echo /fake/goroot ;;
                		GOARM) if [ "$GOARCH" = arm ]; then echo 5; else echo; fi ;;
                		*) echo ;;
                		esac
                	done ;;
                build)
                	w=$(mktemp -d "${GOTMPDIR:-/tmp}/go-build.XXXXXX")
                	echo "$w" >"$(dirname "$0")/last-work"
                	if [ -f "$(dirname "$0")/fail" ]; then
                		echo "WORK=$w" >&2; echo "./main.go:5:1: syntax error: non-declaration statement outside function body" >&2
                		exit 1
                	fi
                	mkdir -p "$w/b001"
                	echo "main for $GOOS/$GOARCH, CGO_ENABLED=$CGO_ENABLED, in $PWD" >"$w/b001/_pkg_.a"
                	echo "packagefile example.com/hello=$w/b001/_pkg_.a" >"$w/b001/importcfg.link"
                	echo "WORK=$w" >&2
                	echo '/fake/goroot/pkg/tool/linux_amd64/link -o $WORK/b001/exe/a.out -importcfg $WORK/b001/importcfg.link -buildmode=exe -buildid=x -extld=gcc $WORK/b001/_pkg_.a' >&2 ;;
                *) exit 2 ;;
                esac
                """);
        assertTrue(go.toFile().setExecutable(true));
        return go;
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/arm,linux/amd64")
    void linksWhatGoBuildPrepared(LinkMojo mojo) throws Exception {
        configure(mojo, fakeGo(), true);
        setVariableValueToObject(mojo, "environment", Map.of("GOAMD64", "v2"));
        mojo.execute();
        assertEquals(2, links.size());
        LinkOptions arm = links.get(0);
        assertTrue(importcfgs.get(0).startsWith("packagefile example.com/hello="), importcfgs.get(0));
        // go env's values for the target, then <environment>.
        assertEquals("/fake/goroot", arm.config().goroot());
        assertEquals(5, arm.config().goarm());
        assertEquals(2, links.get(1).config().goamd64());
        assertEquals(tmp.resolve("out/hello-linux-arm"), arm.output());
        // go's work folders are gone.
        assertFalse(Files.exists(arm.mainArchive()));
        assertFalse(Files.exists(arm.importcfg().getParent().getParent().getParent()));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void aFailingGoBuildNamesGoPackageAndShowsGosMessage(LinkMojo mojo) throws Exception {
        Path go = fakeGo();
        Files.writeString(go.resolveSibling("fail"), "");
        configure(mojo, go, true);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("<goPackage>: " + go + " build -x -work -o /dev/null . for linux/amd64 in "
                + pkg + " failed (exit 1):\n"), e.getMessage());
        assertTrue(e.getMessage().endsWith("syntax error: non-declaration statement outside function body"),
                e.getMessage());
        Path work = Path.of(Files.readString(go.resolveSibling("last-work")).strip());
        assertFalse(Files.exists(work.getParent()), "go's GOTMPDIR is deleted");
        assertTrue(links.isEmpty());
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void goBuildRunsInThePackageWithoutCgo(LinkMojo mojo) throws Exception {
        configure(mojo, fakeGo(), false);
        mojo.linkStep = (options, report) -> {
            try {
                String main = Files.readString(options.mainArchive()).strip();
                assertEquals("main for linux/amd64, CGO_ENABLED=0, in " + pkg.toRealPath(), main);
                Files.writeString(options.output(), "linked");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        mojo.execute();
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void aGoOtherThan119FailsNamingGoExecutable(LinkMojo mojo) throws Exception {
        configure(mojo, GoToolchainTest.fakeGo(tmp, "go1.22.1"), true);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("<goExecutable>: "), e.getMessage());
        assertTrue(e.getMessage().contains("go1.22.1"), e.getMessage());
        assertTrue(links.isEmpty());
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64,js/wasm")
    void withDebiansGo119(LinkMojo mojo) throws Exception {
        assumeTrue(Files.isExecutable(GO_119), "needs Debian's golang-1.19-go");
        configure(mojo, GO_119, true).execute();
        assertEquals(2, links.size());
        for (String importcfg : importcfgs) {
            assertTrue(importcfg.startsWith("packagefile example.com/hello="), importcfg);
            assertTrue(importcfg.contains("\nmodinfo \""), importcfg);
        }
        assertTrue(importcfgs.get(1).contains("build\\tGOARCH=wasm"), importcfgs.get(1));
        assertEquals("/usr/lib/go-1.19", links.get(0).config().goroot());
        assertEquals(tmp.resolve("out/hello-js-wasm.wasm"), links.get(1).output());
    }

    /**
     * The real linker on real inputs: while it cannot link a target, the goal fails
     * with the linker's own message and leaves no output; once it can, the output is there.
     */
    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void withDebiansGo119AndTheRealLinker(LinkMojo mojo) throws Exception {
        assumeTrue(Files.isExecutable(GO_119), "needs Debian's golang-1.19-go");
        configure(mojo, GO_119, false);
        Path output = tmp.resolve("out/hello-linux-amd64");
        try {
            mojo.execute();
        } catch (MojoFailureException e) {
            LinkException cause = assertInstanceOf(LinkException.class, e.getCause());
            assertTrue(e.getMessage().startsWith("golink could not link linux/amd64 (from <targets>), from"
                    + " <goPackage> " + pkg + ": " + cause.getMessage()), e.getMessage());
            assertFalse(Files.exists(output));
            return;
        }
        assertTrue(Files.size(output) > 0, "a link that succeeds leaves its output");
    }
}
