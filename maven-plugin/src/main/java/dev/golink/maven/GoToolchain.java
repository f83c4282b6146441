package dev.golink.maven;

import dev.golink.Target;
import org.apache.maven.plugin.MojoExecutionException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The Go 1.19 toolchain that builds a {@code <goPackage>}: for each target the goal runs
 * {@code go build -toolexec=<golink's script> -o <output>}, so that the go command compiles,
 * writes the build info, stamps the build ID and signs for darwin exactly as {@code go build}
 * does, while golink, in the Maven JVM, does the link instead of cmd/link.
 */
final class GoToolchain {

    private static final Pattern GO_1_19 = Pattern.compile("go1\\.19(\\.\\d+)?");

    /** What one go command did: its exit status, what it printed (see run), and how long it took. */
    record Run(int exit, String output, long nanos) {
    }

    private final String executable;
    private final Map<String, String> environment;
    private final String version;
    private final String goflags;

    private GoToolchain(String executable, Map<String, String> environment, String version, String goflags) {
        this.executable = executable;
        this.environment = environment;
        this.version = version;
        this.goflags = goflags;
    }

    /**
     * Finds the toolchain and checks it is Go 1.19. {@code environment} is the
     * process environment with the {@code <environment>} parameter applied.
     */
    static GoToolchain open(String executable, Map<String, String> environment, Consumer<String> debug)
            throws MojoExecutionException {
        Run run = run(executable, environment, null, List.of("env", "GOVERSION", "GOFLAGS"), debug, null);
        String[] lines = run.output().split("\n", -1);
        String version = lines[0].strip();
        if (run.exit() != 0 || !GO_1_19.matcher(version).matches()) {
            throw new MojoExecutionException("<goExecutable>: " + executable + " is "
                    + (run.exit() != 0 || version.isEmpty() ? "an unknown Go version" : version)
                    + ", but golink links the objects of Go 1.19 only: set <goExecutable> to the go command of a"
                    + " Go 1.19 toolchain (for example /usr/lib/go-1.19/bin/go from Debian's golang-1.19-go)");
        }
        return new GoToolchain(executable, Map.copyOf(environment), version, lines.length > 1 ? lines[1].strip() : "");
    }

    String version() {
        return version;
    }

    /** GOFLAGS as the go command sees it (the environment, else {@code go env -w}). */
    String goflags() {
        return goflags;
    }

    /**
     * Builds the main package in {@code packageDir} for {@code target} into {@code output}, linking
     * through {@code server}, and with golink's size report {@code sizeReport} unless it is null.
     * {@code flags} go between {@code build} and the package ({@code -ldflags});
     * {@code trace} adds {@code -x}, whose lines go to {@code debug}.
     */
    Run build(Target target, Path packageDir, Path output, Path sizeReport, List<String> flags, LinkServer server,
            boolean trace, Consumer<String> debug) throws MojoExecutionException {
        Map<String, String> env = new HashMap<>(environment);
        env.put("GOOS", target.goos());
        env.put("GOARCH", target.goarch());
        // golink links internally: no cgo unless the user asks for it (and golink then says why it cannot).
        env.putIfAbsent("CGO_ENABLED", "0");
        env.putAll(server.environment());
        if (sizeReport != null) {
            // The toolexec script adds -sizereport to the link: not through -ldflags, which go build records.
            env.put("GOLINK_SIZEREPORT", sizeReport.toAbsolutePath().toString());
        }
        List<String> args = new ArrayList<>();
        args.add("build");
        if (trace) {
            args.add("-x");
        }
        args.add("-toolexec=" + quote(server.script().toString()));
        args.add("-o");
        args.add(output.toString());
        args.addAll(flags);
        args.add(".");
        return run(executable, env, packageDir, args, debug, target);
    }

    /**
     * Lists the packages a build of {@code packageDir} for {@code target} would compile. Staleness
     * asks the linker for its version too, so go list runs through {@code server}'s script as well.
     */
    List<String> stalePackages(Target target, Path packageDir, LinkServer server, Consumer<String> debug)
            throws MojoExecutionException {
        Map<String, String> env = new HashMap<>(environment);
        env.put("GOOS", target.goos());
        env.put("GOARCH", target.goarch());
        env.putIfAbsent("CGO_ENABLED", "0");
        env.putAll(server.environment());
        Run run = run(executable, env, packageDir, List.of("list", "-toolexec=" + quote(server.script().toString()),
                "-deps", "-f", "{{if .Stale}}{{.ImportPath}}{{end}}", "."), debug, target);
        return run.exit() == 0 ? run.output().lines().filter(l -> !l.isBlank()).toList() : List.of();
    }

    /** A word of a go flag list ({@code -toolexec}, {@code -ldflags}), quoted as Go's quoted.Split reads it. */
    static String quote(String word) throws MojoExecutionException {
        if (!word.isEmpty() && word.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r'
                || c == '\'' || c == '"')) {
            return word;
        }
        if (word.indexOf('\'') < 0) {
            return "'" + word + "'";
        }
        if (word.indexOf('"') < 0) {
            return "\"" + word + "\"";
        }
        throw new MojoExecutionException("cannot pass " + word + " to the go command: it holds both ' and \"");
    }

    /**
     * Runs the go command. Returns its exit status and, for {@code build}, its standard error
     * (or for the other commands its standard output), each line also given to {@code debug}.
     */
    private static Run run(String executable, Map<String, String> env, Path dir, List<String> args,
            Consumer<String> debug, Target target) throws MojoExecutionException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        debug.accept("golink: " + (target == null ? "" : target + ": ") + "running " + String.join(" ", command)
                + (dir == null ? "" : " in " + dir) + " with " + goEnvironment(env));
        Path out = null;
        Path err = null;
        long start = System.nanoTime();
        try {
            out = Files.createTempFile("golink-go-", ".out");
            err = Files.createTempFile("golink-go-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new MojoExecutionException("<goExecutable>: cannot run " + executable + " (" + e.getMessage()
                        + "): install Go 1.19 or set <goExecutable> to its go command,"
                        + " for example /usr/lib/go-1.19/bin/go");
            }
            int exit;
            try {
                exit = process.waitFor();
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                throw new MojoExecutionException("interrupted while running " + String.join(" ", command), e);
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            for (String line : (stdout + stderr).lines().toList()) {
                debug.accept("golink: " + (target == null ? "" : target + ": ") + line);
            }
            return new Run(exit, args.get(0).equals("build") ? stderr : exit == 0 ? stdout : stderr,
                    System.nanoTime() - start);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** The variables of {@code env} that concern the go command, for the debug log. */
    private static Map<String, String> goEnvironment(Map<String, String> env) {
        Map<String, String> shown = new java.util.TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("GO") || k.startsWith("CGO_") || k.equals("PATH") || k.equals("CC")) {
                shown.put(k, v);
            }
        });
        return shown;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover temporary file is harmless.
            }
        }
    }
}
