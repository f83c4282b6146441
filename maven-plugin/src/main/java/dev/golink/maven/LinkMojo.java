package dev.golink.maven;

import dev.golink.BuildConfig;
import dev.golink.LinkException;
import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.report.ReportOptions;
import dev.golink.report.SizeReportHtml;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

import javax.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Links a Go 1.19 program with golink for each of {@code targets}. With a Go main
 * package ({@code goPackage}, by default <code>src/main/go</code>), the go command compiles it
 * and golink, in the Maven JVM, does the link instead of cmd/link: each output is byte for byte
 * what <code>go build</code> writes with the same settings. With prepared inputs
 * ({@code importcfg} and {@code mainArchive}, what go build hands its linker), golink
 * links them as <code>go tool link</code> would. Targets whose inputs, toolchain, environment and
 * parameters did not change since their last build are up to date and start no process.
 */
// A thin adapter: it maps POM parameters to LinkOptions, and the linker's errors to
// messages that name the POM element to fix. Linking itself is the linker's business.
@Mojo(name = "link", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class LinkMojo extends AbstractMojo {

    /** The link of prepared inputs, replaceable in tests. */
    interface LinkStep {
        void link(LinkOptions options, PrintStream out) throws LinkException;
    }

    /**
     * The targets to build, as {@code goos/goarch} ({@code linux/amd64}, {@code js/wasm}, ...); empty means the
     * machine Maven runs on. {@code -Dgolink.targets=linux/amd64,darwin/arm64} replaces them for one build.
     */
    @Parameter(property = "golink.targets")
    private List<String> targets;

    /**
     * The import configuration that go build writes for the link ({@code importcfg.link}).
     * {@code @{goos}}, {@code @{goarch}} and {@code @{target}} are replaced for each target.
     */
    @Parameter(property = "golink.importcfg")
    private String importcfg;

    /**
     * The main package's archive, the linker's one operand; the same placeholders as
     * {@code importcfg}.
     */
    @Parameter(property = "golink.mainArchive")
    private String mainArchive;

    /**
     * Instead of {@code importcfg}/{@code mainArchive}: the folder of a Go main package,
     * built for each target by {@code goExecutable} with golink as its linker. Default:
     * <code>src/main/go</code> when that folder exists and no prepared inputs are set.
     */
    @Parameter(property = "golink.goPackage")
    private File goPackage;

    /** The go command of a Go 1.19 toolchain, used with {@code goPackage}. */
    @Parameter(property = "golink.goExecutable", defaultValue = "go")
    private String goExecutable;

    /** {@code -s}: omit the symbol table (and DWARF). */
    @Parameter(property = "golink.strip", defaultValue = "false")
    private boolean strip;

    /** {@code -w}: omit DWARF. */
    @Parameter(property = "golink.stripDwarf", defaultValue = "false")
    private boolean stripDwarf;

    /**
     * {@code -X importpath.name=value} definitions, applied in name order: one child element per variable,
     * named by it (a {@code main.version} element holding {@code 1.0}), or for import paths that are not XML
     * names a {@code property} element with {@code name} and {@code value} children. With {@code goPackage}
     * they reach go build as
     * {@code -ldflags="-X ..."} (after {@code -s} and {@code -w}, and after any -ldflags of GOFLAGS), which
     * go build records in the build info.
     */
    @Parameter
    private Properties variables;

    /**
     * {@code -buildid}: the build ID recorded in the executable (default none, as cmd/link); prepared inputs
     * only, since go build stamps its own.
     */
    @Parameter(property = "golink.buildId")
    private String buildId;

    /** Where the executables and the up-to-date record go. */
    @Parameter(property = "golink.outputDirectory", defaultValue = "${project.build.directory}/golink")
    private File outputDirectory;

    /**
     * Outputs are named finalName-goos-goarch, such as {@code app-1.0-linux-amd64} ({@code .wasm} for js/wasm,
     * {@code .exe} for windows).
     */
    @Parameter(property = "golink.finalName", defaultValue = "${project.build.finalName}")
    private String finalName;

    /**
     * Attach each output to the project with classifier goos-goarch (such as {@code linux-amd64}), to be installed
     * and deployed.
     */
    @Parameter(property = "golink.attach", defaultValue = "true")
    private boolean attach;

    /**
     * How many targets are linked at once; each link also keeps every core busy in its parallel
     * phases. Default: the number of processors, at most the number of targets; 1 links them one
     * after another. A cmd/go-sized link holds about 160 MiB of heap.
     */
    @Parameter(property = "golink.threads")
    private Integer threads;

    /**
     * With {@code goPackage}: link in the user's link server, a JVM that outlives the build and stays
     * warm (for 15 minutes without a link), so that the next build links at warm speed; as
     * {@code linker/golink} does. Default: link in the Maven JVM.
     */
    @Parameter(property = "golink.linkServer", defaultValue = "false")
    private boolean linkServer;

    /**
     * Links in the Maven JVM compile golink's code with the JIT's quick tier only (C1): a build links too
     * few times for C2's code to pay back its compiling (the goal linking cmd/go for 10 targets: 9.42 s
     * instead of 11.95 s on 2 cores). Set it to false where the JVM outlives the build and links on, as a Maven
     * daemon (mvnd) does. The output is the same either way.
     */
    @Parameter(property = "golink.quickJit", defaultValue = "true")
    private boolean quickJit;

    /**
     * Write a size report beside each output: {@code finalName-goos-goarch.size.json} (where every byte of the
     * output came from, linker/SIZEREPORT.md) and the page {@code .size.html}, for every target. The outputs are the
     * same bytes with or without it.
     */
    @Parameter(property = "golink.sizeReport", defaultValue = "false")
    private boolean sizeReport;

    /**
     * With size reports and {@code attach}: attach them too, with the output's classifier and types
     * {@code size.json} and {@code size.html}.
     */
    @Parameter(property = "golink.attachSizeReports", defaultValue = "false")
    private boolean attachSizeReports;

    /**
     * Fails the build when an output is over budget, naming its largest packages (or those that grew most):
     * {@code <maxBytes>} per target, and/or {@code <baseline>} (a size report such as the last release's, with
     * {@code @{goos}}, {@code @{goarch}}, {@code @{target}} replaced) with {@code <maxGrowth>} (bytes, or a
     * percentage such as {@code 5%}); {@code <top>} packages are named (default 5). Implies {@code sizeReport}.
     */
    @Parameter
    private SizeBudget sizeBudget;

    /** Skip the goal. */
    @Parameter(property = "golink.skip", defaultValue = "false")
    private boolean skip;

    /**
     * The link environment besides GOOS/GOARCH (which come from {@code targets}):
     * GOROOT, GOROOT_FINAL, GOARM, GO386, GOAMD64, GOMIPS, GOMIPS64, GOPPC64, GOWASM.
     * Unset ones take the linker's defaults. With {@code goPackage} all of it goes to the go command,
     * GOFLAGS ({@code -trimpath}, {@code -tags}, {@code -ldflags}, {@code -mod}, ...) and CGO_ENABLED (default 0) too.
     */
    @Parameter
    private Map<String, String> environment;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    private final MavenProjectHelper projectHelper;

    LinkStep linkStep = (options, out) -> new Linker(out).link(options);

    @Inject
    public LinkMojo(MavenProjectHelper projectHelper) {
        this.projectHelper = projectHelper;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("golink: skipped (<skip> is true)");
            return;
        }
        List<Target> targetList = Targets.parse(targets, targetsSource(), System.getProperty("os.name"),
                System.getProperty("os.arch"));
        Path basedir = project.getBasedir().toPath();
        boolean fromPackage = checkInputs();
        Map<String, String> userEnv = userEnvironment();
        List<String> definitions = definitions();
        String name = outputBaseName();

        Path outDir = outputDirectory.toPath();
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new MojoExecutionException("<outputDirectory>: cannot create " + outDir + ": " + e.getMessage(), e);
        }
        UpToDateState state = UpToDateState.load(outDir);
        String linkerIdentity = Fingerprint.linkerIdentity();
        List<Path> outputs = new ArrayList<>();
        Map<Target, Path> reports = new LinkedHashMap<>();
        if (sizeBudget != null) {
            sizeBudget.validate();
        }
        for (Target target : targetList) {
            outputs.add(outDir.resolve(outputFileName(name, target)));
            if (sizeReport || sizeBudget != null) {
                reports.put(target, outDir.resolve(name + "-" + target.fileName() + ".size.json"));
            }
        }
        int n = threads != null ? threads : Math.min(Runtime.getRuntime().availableProcessors(), targetList.size());

        if (fromPackage) {
            if (isSet(buildId)) {
                throw new MojoExecutionException("<buildId> cannot be used with <goPackage>: go build computes and"
                        + " stamps the build ID itself; remove <buildId>");
            }
            Map<String, String> goEnv = new HashMap<>(System.getenv());
            goEnv.putAll(userEnv);
            List<Path> excluded = new ArrayList<>(List.of(outDir));
            if (project.getBuild() != null && project.getBuild().getDirectory() != null) {
                excluded.add(Path.of(project.getBuild().getDirectory()));
            }
            GoPackageBuilds.Settings settings = new GoPackageBuilds.Settings(goPackage.toPath().toAbsolutePath(),
                    goExecutable, goEnv, strip, stripDwarf, definitions, excluded, linkerIdentity, linkServer,
                    quickJit);
            new GoPackageBuilds(getLog(), settings).build(targetList, outputs, reports, state, outDir,
                    tasks -> runAll(tasks, n));
        } else {
            long start = System.nanoTime();
            List<Callable<Void>> links = new ArrayList<>();
            for (int i = 0; i < targetList.size(); i++) {
                Link link = new Link(targetList.get(i), outputs.get(i), reports.get(targetList.get(i)), definitions,
                        state, linkerIdentity, basedir);
                links.add(() -> {
                    link.run(userEnv);
                    return null;
                });
            }
            runAll(links, n);
            getLog().info(String.format(Locale.ROOT, "golink: %d target%s done in %.2f s", links.size(),
                    links.size() == 1 ? "" : "s", (System.nanoTime() - start) / 1e9));
        }
        if (attach) {
            // In target order, whichever link finished first.
            for (int i = 0; i < targetList.size(); i++) {
                Target target = targetList.get(i);
                projectHelper.attachArtifact(project, artifactType(target), target.fileName(), outputs.get(i).toFile());
                Path report = reports.get(target);
                if (attachSizeReports && report != null) {
                    projectHelper.attachArtifact(project, "size.json", target.fileName(), report.toFile());
                    projectHelper.attachArtifact(project, "size.html", target.fileName(),
                            SizeReportHtml.beside(report).toFile());
                }
            }
        }
        if (sizeBudget != null) {
            Map<Target, List<String>> over = sizeBudget.check(reports, basedir);
            if (!over.isEmpty()) {
                List<String> lines = over.values().stream().flatMap(List::stream).toList();
                throw new MojoFailureException("golink: " + over.size() + " of " + reports.size() + " target"
                        + (over.size() == 1 ? " is" : "s are") + " over <sizeBudget>:\n  " + String.join("\n  ", lines));
            }
            getLog().info("golink: every target is within <sizeBudget>");
        }
    }

    /**
     * Runs the links, {@code n} at a time; when some fail, throws the first failure in target order
     * once all have ended (the others are logged), so that every link that can succeed does.
     */
    private void runAll(List<Callable<Void>> links, int n) throws MojoExecutionException, MojoFailureException {
        if (n < 1) {
            throw new MojoExecutionException("<threads> must be at least 1, not " + n);
        }
        List<Throwable> failures = new ArrayList<>();
        if (n == 1) {
            for (Callable<Void> link : links) {
                try {
                    link.call();
                } catch (Exception e) {
                    failures.add(e);
                }
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(n);
            try {
                for (Future<Void> f : pool.invokeAll(links)) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        failures.add(e.getCause());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MojoExecutionException("golink: interrupted while linking", e);
            } finally {
                pool.shutdownNow();
            }
        }
        if (failures.isEmpty()) {
            return;
        }
        for (Throwable t : failures.subList(1, failures.size())) {
            getLog().error(t.getMessage());
        }
        Throwable first = failures.get(0);
        if (first instanceof MojoFailureException e) {
            throw e;
        }
        if (first instanceof MojoExecutionException e) {
            throw e;
        }
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
        throw new MojoExecutionException("golink: " + first, first);
    }

    /** One target's link: up-to-date check, link, record, report. */
    private final class Link {
        private final Target target;
        private final Path output;
        private final Path report;
        private final List<String> definitions;
        private final UpToDateState state;
        private final String linkerIdentity;
        private final Path basedir;

        Link(Target target, Path output, Path report, List<String> definitions, UpToDateState state,
                String linkerIdentity, Path basedir) {
            this.target = target;
            this.output = output;
            this.report = report;
            this.definitions = definitions;
            this.state = state;
            this.linkerIdentity = linkerIdentity;
            this.basedir = basedir;
        }

        /** Links from the configured inputs. */
        void run(Map<String, String> userEnv) throws MojoExecutionException, MojoFailureException {
            Path cfg = input(importcfg, "<importcfg>", target, basedir);
            Path main = input(mainArchive, "<mainArchive>", target, basedir);
            run(cfg, "<importcfg>", main, userEnv, "<importcfg> " + cfg + " and <mainArchive> " + main);
        }

        void run(Path importcfgFile, String importcfgElement, Path main, Map<String, String> linkEnv, String from)
                throws MojoExecutionException, MojoFailureException {
            long start = System.nanoTime();
            Map<String, String> env = new HashMap<>(linkEnv);
            env.put("GOOS", target.goos());
            env.put("GOARCH", target.goarch());
            BuildConfig config;
            try {
                config = BuildConfig.fromEnvironment(env);
            } catch (LinkException e) {
                throw new MojoExecutionException("<environment>: " + e.getMessage() + " (linking " + target + ")");
            }
            ImportConfig cfg = ImportConfig.read(importcfgFile, basedir, importcfgElement);
            LinkOptions options = LinkOptions.builder(output, main, config).importcfg(importcfgFile)
                    .buildId(buildId == null ? "" : buildId).stripSymbols(strip).stripDwarf(stripDwarf)
                    .definitions(definitions).workingDir(basedir)
                    .reports(report == null ? ReportOptions.NONE : new ReportOptions(report, List.of(), null)).build();
            try {
                String fingerprint = Fingerprint.of(options, cfg, linkerIdentity);
                if (state.isUpToDate(target, fingerprint, output) && hasReport(report)) {
                    getLog().info("golink: " + target + " is up to date: " + output + " (" + Files.size(output)
                            + " bytes)");
                    return;
                }
                state.forget(target);
                if (quickJit) {
                    QuickJit.requestInBackground(getLog()::debug); // only once a link is due, once per JVM
                }
                ByteArrayOutputStream report = new ByteArrayOutputStream();
                try (PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8)) {
                    linkStep.link(options, out);
                } catch (LinkException e) {
                    throw new MojoFailureException("golink could not link " + target + " (from " + targetsSource() + "), from "
                            + from + ": " + e.getMessage(), e);
                } finally {
                    for (String line : report.toString(StandardCharsets.UTF_8).lines().toList()) {
                        getLog().debug("golink: " + line);
                    }
                }
                if (!Files.isRegularFile(output)) {
                    // Never report a link that left nothing behind as a success.
                    throw new MojoFailureException("golink linked " + target + " but wrote no " + output);
                }
                state.record(target, fingerprint, output);
                getLog().info(String.format(Locale.ROOT, "golink: linked %s -> %s (%d bytes) in %.2f s", target,
                        output, Files.size(output), (System.nanoTime() - start) / 1e9));
            } catch (IOException e) {
                throw new MojoExecutionException("golink: " + target + ": " + e.getMessage(), e);
            }
        }
    }

    /** Whether the size report and its page are there, if one was asked for. */
    static boolean hasReport(Path report) {
        return report == null || Files.isRegularFile(report) && Files.isRegularFile(SizeReportHtml.beside(report));
    }

    /** Whether the inputs come from {@code goPackage}; refuses a configuration with none or both. */
    private boolean checkInputs() throws MojoExecutionException {
        boolean files = isSet(importcfg) || isSet(mainArchive);
        if (goPackage != null && files) {
            throw new MojoExecutionException("<goPackage> and <importcfg>/<mainArchive> are both set: use"
                    + " <goPackage> to compile a Go package, or <importcfg> with <mainArchive> to link"
                    + " prepared inputs");
        }
        if (goPackage == null && !files) {
            // The go packaging's convention, as src/main/java is Java's.
            File conventional = new File(project.getBasedir(), "src/main/go");
            if (conventional.isDirectory()) {
                goPackage = conventional;
            }
        }
        if (goPackage != null) {
            if (!goPackage.isDirectory()) {
                throw new MojoExecutionException("<goPackage>: " + goPackage
                        + " is not a folder: set it to the folder of a Go main package");
            }
            return true;
        }
        if (!isSet(importcfg) || !isSet(mainArchive)) {
            throw new MojoExecutionException((isSet(importcfg) ? "<mainArchive> is not set"
                    : isSet(mainArchive) ? "<importcfg> is not set" : "no input to link")
                    + ": set both <importcfg> (the importcfg.link go build writes) and <mainArchive> (the main"
                    + " package's archive), or <goPackage> (a Go main package folder to compile; default src/main/go"
                    + " when that folder exists)");
        }
        return false;
    }

    /** An input path for {@code target}: placeholders replaced, resolved against the project, required to exist. */
    static Path input(String value, String element, Target target, Path basedir) throws MojoExecutionException {
        Path path = basedir.resolve(Placeholders.substitute(value.strip(), target, element));
        if (!Files.isRegularFile(path)) {
            throw new MojoExecutionException(element + ": " + path + " (for " + target + ") does not exist;"
                    + " check the path and its @{goos}/@{goarch} placeholders");
        }
        return path;
    }

    /** The {@code variables} as {@code -X} definitions, in name order: the POM's order cannot change the output. */
    List<String> definitions() throws MojoExecutionException {
        Map<String, String> sorted = new TreeMap<>();
        if (variables != null) {
            for (String name : variables.stringPropertyNames()) {
                sorted.put(name, variables.getProperty(name));
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            String name = e.getKey();
            if (name.indexOf('.') <= 0 || name.endsWith(".") || name.contains("=")) {
                throw new MojoExecutionException("<variables>: \"" + name + "\" is not importpath.name: name a"
                        + " package-level string variable, for example <main.version>, or use"
                        + " <property><name>example.com/app/build.Version</name><value>...</value></property>");
            }
            out.add(name + "=" + e.getValue());
        }
        return out;
    }

    /** The {@code environment} without unset entries; GOOS and GOARCH come from {@code targets} only. */
    private Map<String, String> userEnvironment() throws MojoExecutionException {
        Map<String, String> env = new TreeMap<>();
        if (environment != null) {
            for (Map.Entry<String, String> e : environment.entrySet()) {
                if (e.getKey().equals("GOOS") || e.getKey().equals("GOARCH")) {
                    throw new MojoExecutionException("<environment>: " + e.getKey()
                            + " comes from <targets>: remove it from <environment> and list goos/goarch in <targets>");
                }
                if (e.getValue() != null && !e.getValue().isEmpty()) {
                    env.put(e.getKey(), e.getValue());
                }
            }
        }
        return env;
    }

    /** Where {@code targets} came from: {@code -Dgolink.targets} overrides the POM's element. */
    private String targetsSource() {
        boolean property = session != null && (session.getUserProperties().getProperty("golink.targets") != null
                || session.getSystemProperties().getProperty("golink.targets") != null);
        return property ? "-Dgolink.targets" : "<targets>";
    }

    private String outputBaseName() throws MojoExecutionException {
        if (!isSet(finalName)) {
            throw new MojoExecutionException("<finalName> is empty: set it, the outputs are named"
                    + " <finalName>-<goos>-<goarch>");
        }
        return finalName.strip();
    }

    /** finalName-goos-goarch, with {@code .wasm} for WebAssembly and {@code .exe} for Windows. */
    static String outputFileName(String finalName, Target target) {
        String ext = artifactType(target);
        return finalName + "-" + target.fileName() + (ext.equals("bin") ? "" : "." + ext);
    }

    /** The attached artifact's type, which is also its extension in the repository. */
    static String artifactType(Target target) {
        if (target.goarch().equals("wasm")) {
            return "wasm";
        }
        return target.goos().equals("windows") ? "exe" : "bin";
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
