package dev.golink.maven;

import dev.golink.outbuf.OutBuf;
import dev.golink.Target;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The goal with {@code <goPackage>}: for each target whose output is stale, {@code go build}
 * of the package with golink as its linker (see {@link LinkServer}), so that each output is
 * byte for byte what {@code go build} writes with the same settings. Targets whose sources,
 * toolchain, environment and parameters did not change start no process at all.
 */
final class GoPackageBuilds {

    /** How often a running build reports its progress. */
    private static final long PROGRESS_SECONDS = 5;

    /**
     * What the builds are made of.
     *
     * @param packageDir   the main package's folder
     * @param goExecutable the go command
     * @param environment  the go command's environment: Maven's, with {@code <environment>} applied
     * @param definitions  the {@code <variables>} as -X definitions
     * @param excluded     folders of the module that are no input (the build's output)
     * @param linkServer   link in the user's link server (warm across builds) instead of this JVM
     */
    record Settings(Path packageDir, String goExecutable, Map<String, String> environment, boolean strip,
            boolean stripDwarf, List<String> definitions, List<Path> excluded, String linkerIdentity,
            boolean linkServer, boolean quickJit) {
    }

    /** Runs the goal's tasks, {@code threads} at a time (the Mojo's scheduler). */
    interface Runner {
        void runAll(List<Callable<Void>> tasks) throws MojoExecutionException, MojoFailureException;
    }

    private final Log log;
    private final Settings settings;
    private final Map<Target, LinkServer.Served> served = new ConcurrentHashMap<>();
    private final Map<Target, String> failures = new ConcurrentHashMap<>();

    GoPackageBuilds(Log log, Settings settings) {
        this.log = log;
        this.settings = settings;
    }

    /**
     * Builds every stale target into its output (same order), with its size report where {@code reports}
     * names one, and records each success in {@code state}.
     */
    void build(List<Target> targets, List<Path> outputs, Map<Target, Path> reports, UpToDateState state,
            Path workParent, Runner runner)
            throws MojoExecutionException, MojoFailureException {
        Map<Target, Path> stale = new LinkedHashMap<>();
        Map<Target, String> fingerprints = new LinkedHashMap<>();
        try {
            String common = Fingerprint.sha256(commonFingerprint());
            for (int i = 0; i < targets.size(); i++) {
                Target target = targets.get(i);
                Path output = outputs.get(i);
                Path report = reports.get(target);
                String fingerprint = Fingerprint.sha256(common + "\ntarget " + target + "\noutput "
                        + output.toAbsolutePath() + (report == null ? "" : "\nsizereport " + report.toAbsolutePath()));
                fingerprints.put(target, fingerprint);
                if (state.isUpToDate(target, fingerprint, output) && LinkMojo.hasReport(report)) {
                    log.info("golink: " + target + " is up to date: " + output + " (" + Files.size(output)
                            + " bytes)");
                } else {
                    stale.put(target, output);
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException("<goPackage>: cannot read " + settings.packageDir() + ": "
                    + OutBuf.describe(e), e);
        }
        if (stale.isEmpty()) {
            return;
        }
        if (settings.quickJit() && !settings.linkServer()) {
            QuickJit.requestInBackground(log::debug); // the links will run in this JVM
        }
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            // The toolexec script that hands the links to golink is a POSIX shell script.
            throw new MojoExecutionException("<goPackage>: building Go sources needs a POSIX shell (Linux or macOS);"
                    + " on Windows, link prepared inputs with <importcfg> and <mainArchive>");
        }
        GoToolchain go = GoToolchain.open(settings.goExecutable(), settings.environment(), log::debug);
        List<String> flags = LdFlags.arguments(go.goflags(), settings.strip(), settings.stripDwarf(),
                settings.definitions());
        log.info("golink: building " + settings.packageDir() + " with " + go.version() + " (" + settings.goExecutable()
                + ") for " + String.join(", ", stale.keySet().stream().map(Target::toString).toList()));
        log.debug("golink: the same as: GOOS=<goos> GOARCH=<goarch> CGO_ENABLED="
                + settings.environment().getOrDefault("CGO_ENABLED", "0") + " go build "
                + LdFlags.commandLine(flags) + (flags.isEmpty() ? "" : " ") + "-o <output> .");
        long start = System.nanoTime();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "golink-progress");
            t.setDaemon(true);
            return t;
        });
        try (LinkServer server = settings.linkServer()
                ? LinkServer.shared(workParent, SharedLinkServer.ensure(settings.environment()))
                : LinkServer.start(workParent, s -> served.put(s.target(), s), log::debug)) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (Map.Entry<Target, Path> e : stale.entrySet()) {
                Target target = e.getKey();
                tasks.add(() -> {
                    buildOne(go, server, progress, target, e.getValue(), reports.get(target), flags, state,
                            fingerprints.get(target));
                    return null;
                });
            }
            runner.runAll(tasks);
            log.debug("golink: " + (settings.linkServer() ? "the link server" : "this JVM") + " served the links;"
                    + " cmd/link ran for none");
        } catch (IOException e) {
            throw new MojoExecutionException("golink: cannot set up the link server in " + workParent + ": "
                    + OutBuf.describe(e), e);
        } finally {
            progress.shutdownNow();
        }
        reportFailures(new ArrayList<>(stale.keySet()));
        log.info(String.format(Locale.ROOT, "golink: built %d target%s in %.2f s", stale.size(),
                stale.size() == 1 ? "" : "s", (System.nanoTime() - start) / 1e9));
    }

    private void buildOne(GoToolchain go, LinkServer server, ScheduledExecutorService progress, Target target,
            Path output, Path report, List<String> flags, UpToDateState state, String fingerprint)
            throws MojoExecutionException, IOException {
        state.forget(target);
        if (report != null) {
            // go build skips a link whose output is current, and the report only comes from a link.
            Files.deleteIfExists(output);
            Files.deleteIfExists(report);
            Files.deleteIfExists(dev.golink.report.SizeReportHtml.beside(report));
        }
        ProgressReport progressReport = new ProgressReport(go, server, target);
        ScheduledFuture<?> ticks = progress.scheduleAtFixedRate(progressReport::tick, PROGRESS_SECONDS, PROGRESS_SECONDS,
                TimeUnit.SECONDS);
        GoToolchain.Run run;
        try {
            run = go.build(target, settings.packageDir(), output, report, flags, server, log.isDebugEnabled(),
                    log::debug);
        } finally {
            ticks.cancel(false);
        }
        LinkServer.Served link = served.get(target);
        if (run.exit() != 0) {
            failures.put(target, run.output().strip());
            return;
        }
        if (!Files.isRegularFile(output)) {
            failures.put(target, "go build ended well but wrote no " + output);
            return;
        }
        if (!LinkMojo.hasReport(report)) {
            failures.put(target, "go build ended well but golink wrote no size report " + report);
            return;
        }
        state.record(target, fingerprint, output);
        int compiled = server.compiled(target).size();
        String packages = String.format(Locale.ROOT, "(%d package%s compiled, the rest from Go's build cache)",
                compiled, compiled == 1 ? "" : "s");
        String compile;
        String linked;
        if (link != null) {
            compile = String.format(Locale.ROOT, "compile %.2f s %s", (run.nanos() - link.nanos()) / 1e9, packages);
            linked = String.format(Locale.ROOT, "link %.2f s", link.nanos() / 1e9);
        } else if (server.linked(target)) {
            compile = String.format(Locale.ROOT, "compile %s", packages);
            linked = String.format(Locale.ROOT, "link by the link server, %.2f s in all", run.nanos() / 1e9);
        } else {
            compile = String.format(Locale.ROOT, "compile %.2f s %s", run.nanos() / 1e9, packages);
            linked = "link up to date (go build found its build ID unchanged)";
        }
        log.info(String.format(Locale.ROOT, "golink: %s: %s, %s -> %s (%d bytes)", target, compile, linked, output,
                Files.size(output)));
    }

    /** Shows each distinct failure once, naming the targets it happened for, and fails with the first. */
    private void reportFailures(List<Target> order) throws MojoFailureException {
        Map<String, List<Target>> byText = new LinkedHashMap<>();
        for (Target target : order) {
            String text = failures.get(target);
            if (text != null) {
                byText.computeIfAbsent(text, k -> new ArrayList<>()).add(target);
            }
        }
        if (byText.isEmpty()) {
            return;
        }
        List<String> messages = new ArrayList<>();
        for (Map.Entry<String, List<Target>> e : byText.entrySet()) {
            messages.add("go build of <goPackage> " + settings.packageDir() + " failed for "
                    + String.join(", ", e.getValue().stream().map(Target::toString).toList()) + ":\n" + e.getKey());
        }
        for (String message : messages.subList(1, messages.size())) {
            log.error(message);
        }
        throw new MojoFailureException(messages.get(0));
    }

    private String commonFingerprint() throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("linker ").append(settings.linkerIdentity()).append('\n');
        text.append("s ").append(settings.strip()).append(" w ").append(settings.stripDwarf()).append('\n');
        for (String definition : settings.definitions()) {
            text.append("X ").append(definition).append('\n');
        }
        text.append(GoSources.describe(settings.packageDir(), settings.excluded(), settings.goExecutable(),
                settings.environment()));
        return text.toString();
    }

    /** Reports a long build's progress: packages compiled so far of those it had to compile. */
    private final class ProgressReport {
        private final GoToolchain go;
        private final LinkServer server;
        private final Target target;
        private int total = -1;

        ProgressReport(GoToolchain go, LinkServer server, Target target) {
            this.go = go;
            this.server = server;
            this.target = target;
        }

        void tick() {
            List<String> done = server.compiled(target);
            if (total < 0) {
                try {
                    // Asked once, when the build turns out to be long: go list counts as stale what this build compiles.
                    total = Math.max(done.size(), go.stalePackages(target, settings.packageDir(), server, s -> { }).size());
                } catch (MojoExecutionException e) {
                    total = 0;
                }
            }
            String last = done.isEmpty() ? "" : " (" + done.get(done.size() - 1) + ")";
            log.info(total > 0 ? String.format(Locale.ROOT, "golink: %s: compiling, %d of %d packages%s", target,
                    Math.min(done.size(), total), total, last)
                    : String.format(Locale.ROOT, "golink: %s: compiling, %d packages%s", target, done.size(), last));
        }
    }
}
