package dev.golink.conformance;

import dev.golink.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds a Go main package with Go 1.19.8 and captures the link step: the exact
 * arguments {@code go build} gave cmd/link and the folder they refer to. Used to
 * check golink on programs that are not in the golden corpus.
 *
 * @param args the link arguments, with {@code -o} pointing into {@code work}
 * @param env  the environment that changes the output (GOOS, GOARCH, GOROOT, ...)
 * @param work the build's work folder ({@code go build -work}); delete it when done
 * @param kept where a {@link #captureKept kept} capture and cmd/link's runs on it are stored, or null
 */
public record GoBuild(List<String> args, Map<String, String> env, Path work, Path kept) {

    public GoBuild(List<String> args, Map<String, String> env, Path work) {
        this(args, env, work, null);
    }

    public static final Path GOROOT = Path.of("/usr/lib/go-1.19");
    public static final Path GO = GOROOT.resolve("bin/go");
    public static final Path CMD_LINK = GOROOT.resolve("pkg/tool/linux_amd64/link");

    public static boolean available() {
        return Files.isExecutable(GO) && Files.isExecutable(CMD_LINK);
    }

    /** The build cache the on-the-spot tests share, beside the conformance report: std builds once a target. */
    public static Path sharedCache() throws IOException {
        return Files.createDirectories(
                Path.of(System.getProperty("golink.reportDir", "target/conformance")).resolveSibling("gocache"));
    }

    /**
     * Runs {@code go build -x -work} on {@code pkg} (an import path or a folder) in
     * {@code dir} for {@code target}, with CGO disabled, and returns its link step.
     */
    public static GoBuild capture(String pkg, Path dir, Target target, Path gocache) throws IOException, InterruptedException {
        return capture(pkg, dir, target, gocache, false);
    }

    /**
     * As {@link #capture(String, Path, Target, Path)}; with {@code linkFails}, the
     * program is one cmd/link refuses, so {@code go build} fails at its link step.
     */
    public static GoBuild capture(String pkg, Path dir, Target target, Path gocache, boolean linkFails)
            throws IOException, InterruptedException {
        return capture(pkg, dir, target, gocache, linkFails, "", List.of());
    }

    /**
     * As {@link #capture(String, Path, Target, Path, boolean)}, with GOEXPERIMENT set to
     * {@code goexperiment} (if not empty) for the build and for the link it captures, and
     * {@code buildFlags} given to {@code go build} (such as {@code -ldflags=...}).
     */
    public static GoBuild capture(String pkg, Path dir, Target target, Path gocache, boolean linkFails,
            String goexperiment, List<String> buildFlags) throws IOException, InterruptedException {
        Path out = Files.createTempFile("golink-gobuild-", ".out");
        List<String> cmd = new ArrayList<>(List.of(GO.toString(), "build", "-x", "-work", "-buildvcs=false", "-o",
                out.toString()));
        cmd.addAll(buildFlags);
        cmd.add(pkg);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> penv = pb.environment();
        if (goexperiment.isEmpty()) {
            penv.remove("GOEXPERIMENT");
        } else {
            penv.put("GOEXPERIMENT", goexperiment);
        }
        penv.put("GOOS", target.goos());
        penv.put("GOARCH", target.goarch());
        penv.put("CGO_ENABLED", "0");
        penv.put("GOFLAGS", "");
        penv.put("GOPROXY", "off");
        penv.put("GOCACHE", gocache.toString());
        penv.put("PATH", GOROOT.resolve("bin") + ":" + penv.getOrDefault("PATH", "/usr/bin:/bin"));
        Process p = pb.start();
        String log = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        Files.deleteIfExists(out);
        if (rc != 0 && !linkFails) {
            throw new IOException("go build " + pkg + " for " + target + " failed:\n" + log);
        }
        GoBuild build = fromLog(log, target);
        if (!goexperiment.isEmpty()) {
            build.env().put("GOEXPERIMENT", goexperiment);
        }
        return build;
    }

    /**
     * As {@link #capture(String, Path, Target, Path, boolean, String, List)}, but the link step is kept
     * beside {@code gocache} (in {@code link-inputs/}, keyed by the sources, target and flags) and reused
     * by later runs, other JVMs included: a mutation-testing run (PIT) starts a JVM per batch of mutants,
     * and each would otherwise rebuild every program. The archives stay in {@code gocache}; a kept step
     * whose files are gone is captured again. cmd/link's runs on a kept step are kept too
     * ({@link #runCmdLinkAnyway}). The returned build's {@link #work} is a new folder for outputs.
     */
    public static GoBuild captureKept(String pkg, Path dir, Target target, Path gocache, boolean linkFails,
            String goexperiment, List<String> buildFlags) throws IOException, InterruptedException {
        List<String> key = new ArrayList<>(List.of(pkg, target.toString(), String.valueOf(linkFails), goexperiment,
                gocache.toAbsolutePath().toString()));
        key.addAll(buildFlags);
        Path entry = gocache.resolveSibling("link-inputs").resolve(digest(key, pkg.equals(".") ? dir : null));
        Path argsFile = entry.resolve("link.args");
        if (Files.exists(argsFile)) {
            List<String> args = Files.readAllLines(argsFile, StandardCharsets.UTF_8);
            Map<String, String> env = new LinkedHashMap<>();
            for (String line : Files.readAllLines(entry.resolve("env"), StandardCharsets.UTF_8)) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
            if (inputsPresent(args)) {
                Path work = Files.createTempDirectory("golink-kept-");
                return new GoBuild(args, env, work, entry).withWork(work);
            }
        }
        GoBuild build = capture(pkg, dir, target, gocache, linkFails, goexperiment, buildFlags);
        // The archives go build made in its work folder (those not in gocache yet) are kept with the step.
        Path staging = Files.createDirectories(entry.resolveSibling(entry.getFileName() + ".tmp-" + ProcessHandle.current().pid()));
        Files.createDirectories(staging.resolve("pkg"));
        String workPrefix = build.work() + "/";
        List<String> args = new ArrayList<>(build.args());
        int cfg = args.indexOf("-importcfg") + 1;
        List<String> importcfg = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args.get(cfg)), StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (line.startsWith("packagefile ") && line.startsWith(workPrefix, eq + 1)) {
                line = line.substring(0, eq + 1) + keep(line.substring(eq + 1), workPrefix, staging, entry);
            }
            importcfg.add(line);
        }
        Files.write(staging.resolve("importcfg.link"), importcfg, StandardCharsets.UTF_8);
        args.set(cfg, entry.resolve("importcfg.link").toString());
        int main = args.size() - 1;
        if (args.get(main).startsWith(workPrefix)) {
            args.set(main, keep(args.get(main), workPrefix, staging, entry));
        }
        Files.write(staging.resolve("link.args"), args, StandardCharsets.UTF_8);
        Files.write(staging.resolve("env"), build.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList(),
                StandardCharsets.UTF_8);
        if (Files.exists(entry)) {
            CaseRunner.deleteTree(entry); // its archives are gone
        }
        try {
            Files.move(staging, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            CaseRunner.deleteTree(staging); // another JVM kept the same step first
        }
        return new GoBuild(args, build.env(), build.work(), entry);
    }

    /**
     * A link step that is already on disk ({@code args} and {@code env} refer to files in {@code work}), whose
     * cmd/link runs are kept beside {@code gocache} like a {@link #captureKept captured} step's, under a key made
     * of {@code key} and the bytes of {@code source} (what the inputs were unpacked from).
     */
    public static GoBuild kept(List<String> args, Map<String, String> env, Path work, Path gocache, List<String> key,
            Path source) throws IOException {
        Path entry = Files.createDirectories(gocache.resolveSibling("link-inputs").resolve(digest(key, source)));
        return new GoBuild(args, env, work, entry);
    }

    /** Copies {@code file}, in go build's work folder, into {@code staging/pkg}; returns its path once kept in {@code entry}. */
    private static String keep(String file, String workPrefix, Path staging, Path entry) throws IOException {
        String name = file.substring(workPrefix.length()).replace('/', '_');
        Files.copy(Path.of(file), staging.resolve("pkg").resolve(name), StandardCopyOption.REPLACE_EXISTING);
        return entry.resolve("pkg").resolve(name).toString();
    }

    /** The key of a kept step: the words of {@code key} and, if {@code sources} is given, its files. */
    private static String digest(List<String> key, Path sources) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String k : key) {
            md.update((k + "\0").getBytes(StandardCharsets.UTF_8));
        }
        if (sources != null) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    md.update((sources.relativize(f) + "\0").getBytes(StandardCharsets.UTF_8));
                    md.update(Files.readAllBytes(f));
                }
            }
        }
        return HexFormat.of().formatHex(md.digest(), 0, 16);
    }

    /** Whether the importcfg and every archive a kept step names still exist (go may trim its cache). */
    private static boolean inputsPresent(List<String> args) throws IOException {
        Path cfg = Path.of(args.get(args.indexOf("-importcfg") + 1));
        if (!Files.exists(cfg) || !Files.exists(Path.of(args.get(args.size() - 1)))) {
            return false;
        }
        for (String line : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
            if (line.startsWith("packagefile ") && !Files.exists(Path.of(line.substring(line.indexOf('=') + 1)))) {
                return false;
            }
        }
        return true;
    }

    /** This step with its output ({@code -o}) in {@code work}. */
    private GoBuild withWork(Path newWork) {
        return new GoBuild(withOutput(args, newWork.resolve("golink-out")), env, newWork, kept);
    }

    /** The link step of a {@code go build -x -work} run for {@code target}, from its standard error. */
    public static GoBuild fromLog(String log, Target target) throws IOException {
        String work = null;
        String linkLine = null;
        for (String line : log.split("\n")) {
            if (line.startsWith("WORK=")) {
                work = line.substring(5);
            } else if (line.startsWith(CMD_LINK + " -o ")) {
                linkLine = line;
            }
        }
        if (work == null || linkLine == null) {
            throw new IOException("go build: no WORK= or link line in its -x output:\n" + log);
        }
        List<String> args = new ArrayList<>();
        String[] words = linkLine.substring(CMD_LINK.toString().length()).trim().split(" ");
        for (int i = 0; i < words.length; i++) {
            String w = words[i].replace("$WORK", work);
            if (w.equals("-o")) {
                args.add("-o");
                args.add(work + "/golink-out");
                i++;
            } else {
                args.add(w);
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GOOS", target.goos());
        env.put("GOARCH", target.goarch());
        env.put("GOROOT", GOROOT.toString());
        return new GoBuild(args, env, Path.of(work));
    }

    /** Runs cmd/link itself on the captured step, with {@code extra} flags before the main archive; returns stdout. */
    public String runCmdLink(List<String> extra, Path output) throws IOException, InterruptedException {
        Run run = runCmdLinkAnyway(extra, output);
        if (run.status() != 0) {
            throw new IOException("cmd/link failed (exit " + run.status() + "): " + run.stderr().strip());
        }
        return run.stdout();
    }

    /** What one run of a linker did: its exit status and what it printed. */
    public record Run(int status, String stdout, String stderr) {
    }

    /**
     * Runs cmd/link itself on the captured step, with {@code extra} flags before the main archive, whatever its
     * outcome. On a kept step, the run is kept as well (cmd/link's output depends only on its inputs and flags,
     * and on the output's file name, which Mach-O's code signature holds) and replayed by later calls.
     */
    public Run runCmdLinkAnyway(List<String> extra, Path output) throws IOException, InterruptedException {
        if (kept == null) {
            return runCmdLinkNow(extra, output);
        }
        List<String> key = new ArrayList<>(extra);
        key.add(output.getFileName().toString());
        Path runDir = kept.resolve("cmdlink-" + digest(key, null));
        if (!Files.exists(runDir.resolve("status"))) {
            Run run = runCmdLinkNow(extra, output);
            Path staging = Files.createDirectories(runDir.resolveSibling(runDir.getFileName() + ".tmp-" + ProcessHandle.current().pid()));
            Files.writeString(staging.resolve("stdout"), run.stdout(), StandardCharsets.UTF_8);
            Files.writeString(staging.resolve("stderr"), run.stderr(), StandardCharsets.UTF_8);
            if (Files.exists(output)) {
                Files.copy(output, staging.resolve("out"));
            }
            Files.writeString(staging.resolve("status"), Integer.toString(run.status()));
            try {
                Files.move(staging, runDir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                CaseRunner.deleteTree(staging);
            }
            return run;
        }
        if (Files.exists(runDir.resolve("out"))) {
            Files.copy(runDir.resolve("out"), output, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Run(Integer.parseInt(Files.readString(runDir.resolve("status")).strip()),
                Files.readString(runDir.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(runDir.resolve("stderr"), StandardCharsets.UTF_8));
    }

    private Run runCmdLinkNow(List<String> extra, Path output) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(CMD_LINK.toString());
        cmd.addAll(withOutput(CaseRunner.argsFor(args, extra), output));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PATH", "/usr/bin:/bin");
        Path errFile = Files.createTempFile(work, "cmdlink-", ".stderr");
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        String stderr = Files.readString(errFile, StandardCharsets.UTF_8);
        Files.delete(errFile);
        return new Run(status, stdout, stderr);
    }

    /** Runs golink's command line in process on the captured step with {@code args}, as cmd/link is run: what it did. */
    public Run runGolink(List<String> args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = dev.golink.cli.Main.run(args, env, work,
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8)).status();
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The arguments with {@code -o} replaced. */
    public List<String> withOutput(List<String> a, Path output) {
        List<String> r = new ArrayList<>(a);
        int o = r.indexOf("-o");
        r.set(o + 1, output.toString());
        return r;
    }

    public void delete() throws IOException {
        if (Files.exists(work)) {
            work.toFile().setWritable(true);
            CaseRunner.deleteTree(work);
        }
    }
}
