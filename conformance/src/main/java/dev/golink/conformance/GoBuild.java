package dev.golink.conformance;

import dev.golink.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a Go main package with Go 1.19.8 and captures the link step: the exact
 * arguments {@code go build} gave cmd/link and the folder they refer to. Used to
 * check golink on programs that are not in the golden corpus.
 *
 * @param args the link arguments, with {@code -o} pointing into {@code work}
 * @param env  the environment that changes the output (GOOS, GOARCH, GOROOT, ...)
 * @param work the build's work folder ({@code go build -work}); delete it when done
 */
public record GoBuild(List<String> args, Map<String, String> env, Path work) {

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

    /** Runs cmd/link itself on the captured step, with {@code extra} flags before the main archive, whatever its outcome. */
    public Run runCmdLinkAnyway(List<String> extra, Path output) throws IOException, InterruptedException {
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
