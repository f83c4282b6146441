package dev.golink.maven;

import dev.golink.LinkException;
import dev.golink.LinkOptions;
import dev.golink.Target;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.inject.Inject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;

/** The goal's parameter handling, with the harness configuring the Mojo as Maven would. */
@MojoTest
@MojoParameter(name = "finalName", value = "app")
class LinkMojoTest {

    @TempDir
    Path tmp;

    @Inject
    MavenProject project;

    @Inject
    Log log;

    LinkInputs inputs;
    Path out;

    /** The links a test's fake linker was asked for. */
    final List<LinkOptions> links = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        inputs = new LinkInputs(tmp.resolve("go"));
        inputs.write("linux-amd64");
        inputs.write("linux-arm");
        inputs.write("js-wasm");
        out = tmp.resolve("out");
        // The harness's project has no artifact of its own, which attached artifacts need.
        project.setArtifact(new DefaultArtifact("dev.golink.test", "app", "1.0", null, "jar", null,
                new DefaultArtifactHandler("jar")));
    }

    /** Points the Mojo at the test's inputs and output folder. */
    LinkMojo configure(LinkMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "importcfg", inputs.importcfg());
        setVariableValueToObject(mojo, "mainArchive", inputs.mainArchive());
        setVariableValueToObject(mojo, "outputDirectory", out.toFile());
        return mojo;
    }

    /**
     * A linker stand-in that writes a small file named after the target and records the options;
     * one link at a time unless the test sets {@code threads}, so that the order of links is known.
     */
    LinkMojo fakeLinker(LinkMojo mojo) throws Exception {
        if (getVariableValueFromObject(mojo, "threads") == null) {
            setVariableValueToObject(mojo, "threads", 1);
        }
        configure(mojo).linkStep = (options, report) -> {
            links.add(options);
            try {
                Files.writeString(options.output(), "linked " + options.config().target() + " " + options.definitions());
            } catch (java.io.IOException e) {
                throw new LinkException("cannot write", e);
            }
        };
        return mojo;
    }

    static String message(Exception e) {
        return e.getMessage();
    }

    @Test
    @InjectMojo(goal = "link")
    void defaults(LinkMojo mojo) throws Exception {
        assertEquals(new File(project.getBuild().getDirectory(), "golink"),
                getVariableValueFromObject(mojo, "outputDirectory"));
        assertEquals("go", getVariableValueFromObject(mojo, "goExecutable"));
        assertEquals(Boolean.TRUE, getVariableValueFromObject(mojo, "attach"));
        assertEquals(Boolean.FALSE, getVariableValueFromObject(mojo, "skip"));
        assertEquals(Boolean.FALSE, getVariableValueFromObject(mojo, "strip"));
        assertEquals(Boolean.FALSE, getVariableValueFromObject(mojo, "stripDwarf"));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64, js/wasm,linux/amd64")
    void targetsFromACommaSeparatedValue(LinkMojo mojo) throws Exception {
        fakeLinker(mojo).execute();
        assertEquals(List.of(new Target("linux", "amd64"), new Target("js", "wasm")),
                links.stream().map(o -> o.config().target()).toList());
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "skip", value = "true")
    @MojoParameter(name = "targets", value = "android/386")
    void skipDoesNothing(LinkMojo mojo) throws Exception {
        fakeLinker(mojo).execute();
        assertTrue(links.isEmpty());
        assertFalse(Files.exists(out));
        verify(log).info(contains("skipped"));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64,android/386")
    void unsupportedTargetNamesTargetsBeforeLinkingAnything(LinkMojo mojo) throws Exception {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fakeLinker(mojo).execute());
        assertTrue(message(e).startsWith("<targets>: golink cannot link android/386"), message(e));
        assertTrue(message(e).contains("linux/amd64, linux/386"), message(e));
        assertTrue(links.isEmpty());
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/vax")
    void unknownTargetNamesTargets(LinkMojo mojo) throws Exception {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fakeLinker(mojo).execute());
        assertTrue(message(e).startsWith("<targets>: linux/vax is not a GOOS/GOARCH pair"), message(e));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux-amd64")
    void malformedTargetNamesTargets(LinkMojo mojo) throws Exception {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fakeLinker(mojo).execute());
        assertTrue(message(e).startsWith("<targets>: invalid target \"linux-amd64\""), message(e));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64,linux/arm,js/wasm")
    @MojoParameter(name = "strip", value = "true")
    @MojoParameter(name = "buildId", value = "abc/def")
    void mapsParametersToLinkOptions(LinkMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of("GOARM", "7", "GOROOT", "/opt/go"));
        fakeLinker(mojo).execute();
        assertEquals(3, links.size());
        LinkOptions arm = links.get(1);
        assertEquals(new Target("linux", "arm"), arm.config().target());
        assertEquals(7, arm.config().goarm());
        assertEquals("/opt/go", arm.config().goroot());
        assertEquals(inputs.root.resolve("linux-arm/importcfg.link"), arm.importcfg());
        assertEquals(inputs.root.resolve("linux-arm/main.a"), arm.mainArchive());
        assertEquals(out.resolve("app-linux-arm"), arm.output());
        assertEquals(out.resolve("app-js-wasm.wasm"), links.get(2).output());
        assertTrue(arm.stripSymbols());
        assertFalse(arm.stripDwarf());
        assertTrue(arm.compressDwarf());
        assertEquals("abc/def", arm.buildId());
        assertEquals("exe", arm.buildMode());
        assertEquals(List.of(), arm.libraryDirs());
        assertEquals(List.of(), arm.definitions());
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void unsetEnvironmentTakesTheLinkersDefaults(LinkMojo mojo) throws Exception {
        fakeLinker(mojo).execute();
        assertEquals("/usr/lib/go-1.19", links.get(0).config().goroot());
        assertEquals(1, links.get(0).config().goamd64());
        assertEquals("", links.get(0).buildId());
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void variablesBecomeDefinitionsInNameOrder(LinkMojo mojo) throws Exception {
        Properties variables = new Properties();
        variables.setProperty("main.version", "1.2.3");
        variables.setProperty("example.com/app/build.Commit", "abc");
        variables.setProperty("main.empty", "");
        setVariableValueToObject(mojo, "variables", variables);
        fakeLinker(mojo).execute();
        assertEquals(List.of("example.com/app/build.Commit=abc", "main.empty=", "main.version=1.2.3"),
                links.get(0).definitions());
    }

    @Test
    @InjectMojo(goal = "link", pom = "classpath:/variables-pom.xml")
    void variablesFromAPom(LinkMojo mojo) throws Exception {
        assertEquals(List.of("example.com/app/build.Commit=abc", "main.version=1.2.3"), mojo.definitions());
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void variableWithoutPackageNamesVariables(LinkMojo mojo) throws Exception {
        Properties variables = new Properties();
        variables.setProperty("version", "1");
        setVariableValueToObject(mojo, "variables", variables);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fakeLinker(mojo).execute());
        assertTrue(message(e).startsWith("<variables>: \"version\" is not importpath.name"), message(e));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void goosInEnvironmentNamesEnvironment(LinkMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of("GOOS", "darwin"));
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fakeLinker(mojo).execute());
        assertTrue(message(e).startsWith("<environment>: GOOS comes from <targets>"), message(e));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/arm")
    void invalidEnvironmentValueNamesEnvironment(LinkMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of("GOARM", "9"));
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fakeLinker(mojo).execute());
        assertTrue(message(e).startsWith("<environment>: invalid GOARM=9"), message(e));
        assertTrue(links.isEmpty());
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/386")
    void missingImportcfgForATargetNamesImportcfg(LinkMojo mojo) throws Exception {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fakeLinker(mojo).execute());
        assertTrue(message(e).startsWith("<importcfg>: " + inputs.root.resolve("linux-386/importcfg.link")
                + " (for linux/386) does not exist"), message(e));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void missingMainArchiveNamesMainArchive(LinkMojo mojo) throws Exception {
        Files.delete(inputs.root.resolve("linux-amd64/main.a"));
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fakeLinker(mojo).execute());
        assertTrue(message(e).startsWith("<mainArchive>: "), message(e));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void missingArchiveNamedByImportcfgNamesImportcfg(LinkMojo mojo) throws Exception {
        Path fmt = inputs.root.resolve("linux-amd64/fmt.a");
        Files.delete(fmt);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fakeLinker(mojo).execute());
        assertTrue(message(e).startsWith("<importcfg>: "), message(e));
        assertTrue(message(e).contains(":3 names " + fmt + " for package fmt, which does not exist"), message(e));
    }

    @Test
    @InjectMojo(goal = "link")
    void unknownPlaceholderNamesTheElement(LinkMojo mojo) throws Exception {
        configure(mojo);
        setVariableValueToObject(mojo, "mainArchive", "@{os}/main.a");
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(message(e).startsWith("<mainArchive>: unknown placeholder @{os}"), message(e));
    }

    @Test
    @InjectMojo(goal = "link")
    void noInputSaysWhatToSet(LinkMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "outputDirectory", out.toFile());
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(message(e).startsWith("no input to link: set both <importcfg>"), message(e));
    }

    @Test
    @InjectMojo(goal = "link")
    void importcfgWithoutMainArchiveNamesMainArchive(LinkMojo mojo) throws Exception {
        configure(mojo);
        setVariableValueToObject(mojo, "mainArchive", null);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(message(e).startsWith("<mainArchive> is not set"), message(e));
    }

    @Test
    @InjectMojo(goal = "link")
    void goPackageAndImportcfgTogetherAreRefused(LinkMojo mojo) throws Exception {
        configure(mojo);
        setVariableValueToObject(mojo, "goPackage", tmp.toFile());
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(message(e).startsWith("<goPackage> and <importcfg>/<mainArchive> are both set"), message(e));
    }

    @Test
    @InjectMojo(goal = "link")
    void goPackageMustBeAFolder(LinkMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "goPackage", tmp.resolve("nowhere").toFile());
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(message(e).startsWith("<goPackage>: " + tmp.resolve("nowhere") + " is not a folder"), message(e));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "finalName", value = " ")
    void emptyFinalNameIsRefused(LinkMojo mojo) throws Exception {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fakeLinker(mojo).execute());
        assertTrue(message(e).startsWith("<finalName> is empty"), message(e));
    }

    /** The real linker cannot link yet: the goal must fail, say why, and leave nothing behind. */
    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void aLinkerErrorFailsTheBuildWithItsMessage(LinkMojo mojo) throws Exception {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> configure(mojo).execute());
        LinkException cause = assertInstanceOf(LinkException.class, e.getCause());
        assertTrue(message(e).startsWith("golink could not link linux/amd64 (from <targets>), from <importcfg> "),
                message(e));
        assertTrue(message(e).endsWith(": " + cause.getMessage()), message(e));
        assertFalse(Files.exists(out.resolve("app-linux-amd64")));
        assertFalse(Files.exists(out.resolve(UpToDateState.FILE_NAME)));
        assertTrue(project.getAttachedArtifacts().isEmpty());
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void aLinkThatWritesNothingIsAFailure(LinkMojo mojo) throws Exception {
        configure(mojo).linkStep = (options, report) -> { };
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(message(e).startsWith("golink linked linux/amd64 but wrote no "), message(e));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64,js/wasm")
    void attachesEachOutputWithItsClassifier(LinkMojo mojo) throws Exception {
        fakeLinker(mojo).execute();
        List<Artifact> attached = project.getAttachedArtifacts();
        assertEquals(2, attached.size());
        assertEquals("linux-amd64", attached.get(0).getClassifier());
        assertEquals("bin", attached.get(0).getType());
        assertEquals(out.resolve("app-linux-amd64").toFile(), attached.get(0).getFile());
        assertEquals("js-wasm", attached.get(1).getClassifier());
        assertEquals("wasm", attached.get(1).getType());
        assertEquals(out.resolve("app-js-wasm.wasm").toFile(), attached.get(1).getFile());
        verify(log, atLeastOnce()).info(contains("golink: linked linux/amd64 -> " + out.resolve("app-linux-amd64")));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    @MojoParameter(name = "attach", value = "false")
    void attachFalseAttachesNothing(LinkMojo mojo) throws Exception {
        fakeLinker(mojo).execute();
        assertEquals(1, links.size());
        assertTrue(project.getAttachedArtifacts().isEmpty());
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64,linux/arm")
    void anUnchangedTargetIsNotLinkedAgain(LinkMojo mojo) throws Exception {
        fakeLinker(mojo).execute();
        assertEquals(2, links.size());

        links.clear();
        mojo.execute();
        assertTrue(links.isEmpty(), "nothing changed, nothing linked");
        verify(log).info(contains("golink: linux/amd64 is up to date"));
        verify(log).info(contains("golink: linux/arm is up to date"));

        // An archive of one target changes: only that target is linked again.
        Files.writeString(inputs.root.resolve("linux-arm/fmt.a"), "!<arch>\nchanged\n");
        mojo.execute();
        assertEquals(List.of(new Target("linux", "arm")), links.stream().map(o -> o.config().target()).toList());

        // An option changes: every target is linked again.
        links.clear();
        setVariableValueToObject(mojo, "stripDwarf", true);
        mojo.execute();
        assertEquals(2, links.size());

        // An output is deleted: it is linked again.
        links.clear();
        Files.delete(out.resolve("app-linux-amd64"));
        mojo.execute();
        assertEquals(List.of(new Target("linux", "amd64")), links.stream().map(o -> o.config().target()).toList());
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    void aFailedLinkIsNotUpToDateNextTime(LinkMojo mojo) throws Exception {
        fakeLinker(mojo).execute();
        LinkMojo.LinkStep good = mojo.linkStep;
        Files.writeString(inputs.root.resolve("linux-amd64/main.a"), "!<arch>\nbroken\n");
        mojo.linkStep = (options, report) -> {
            throw new LinkException("main.a: not a Go object");
        };
        assertThrows(MojoFailureException.class, mojo::execute);
        // The input is restored: the old output matches it again, but the failed attempt was recorded as such.
        links.clear();
        mojo.linkStep = good;
        Files.writeString(inputs.root.resolve("linux-amd64/main.a"), "!<arch>\nmain of linux-amd64\n");
        mojo.execute();
        assertEquals(1, links.size());
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64,linux/arm,js/wasm")
    @MojoParameter(name = "threads", value = "3")
    void linksTargetsAtOnceAndAttachesInTargetOrder(LinkMojo mojo) throws Exception {
        CountDownLatch allStarted = new CountDownLatch(3);
        configure(mojo).linkStep = (options, report) -> {
            allStarted.countDown();
            try {
                // Each link waits for the other two: this passes only if all three run at once.
                assertTrue(allStarted.await(20, TimeUnit.SECONDS), "three links at once");
                Files.writeString(options.output(), "linked " + options.config().target());
            } catch (java.io.IOException | InterruptedException e) {
                throw new LinkException("cannot write", e);
            }
        };
        mojo.execute();
        assertEquals(List.of("linux-amd64", "linux-arm", "js-wasm"),
                project.getAttachedArtifacts().stream().map(Artifact::getClassifier).toList());
        assertEquals("linked linux/arm", Files.readString(out.resolve("app-linux-arm")));
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64,linux/arm,js/wasm")
    @MojoParameter(name = "threads", value = "2")
    void aFailedTargetFailsTheGoalAfterTheOthersLinked(LinkMojo mojo) throws Exception {
        configure(mojo).linkStep = (options, report) -> {
            if (options.config().target().goarch().equals("arm")) {
                throw new LinkException("main.a: not a Go object");
            }
            try {
                Files.writeString(options.output(), "linked");
            } catch (java.io.IOException e) {
                throw new LinkException("cannot write", e);
            }
        };
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(message(e).startsWith("golink could not link linux/arm"), message(e));
        assertTrue(Files.exists(out.resolve("app-linux-amd64")));
        assertTrue(Files.exists(out.resolve("app-js-wasm.wasm")));
        assertFalse(Files.exists(out.resolve("app-linux-arm")));
        assertTrue(project.getAttachedArtifacts().isEmpty(), "nothing attached from a failed goal");
    }

    @Test
    @InjectMojo(goal = "link")
    @MojoParameter(name = "targets", value = "linux/amd64")
    @MojoParameter(name = "threads", value = "0")
    void threadsBelowOneIsRefused(LinkMojo mojo) throws Exception {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> configure(mojo).execute());
        assertTrue(message(e).startsWith("<threads> must be at least 1"), message(e));
    }

    @Test
    void outputsAreNamedAndTypedByTarget() {
        Target windows = new Target("windows", "arm64");
        assertEquals("app-1.0-windows-arm64.exe", LinkMojo.outputFileName("app-1.0", windows));
        assertEquals("exe", LinkMojo.artifactType(windows));
        Target wasm = new Target("js", "wasm");
        assertEquals("app-1.0-js-wasm.wasm", LinkMojo.outputFileName("app-1.0", wasm));
        assertEquals("wasm", LinkMojo.artifactType(wasm));
        Target linux = new Target("linux", "amd64");
        assertEquals("app-1.0-linux-amd64", LinkMojo.outputFileName("app-1.0", linux));
        assertEquals("bin", LinkMojo.artifactType(linux));
    }
}
