package dev.golink.maven;

import dev.golink.Target;
import org.apache.maven.plugin.MojoExecutionException;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Go 1.19 toolchain that compiles a {@code <goPackage>}: {@code go build -x -work}
 * compiles the package for a target and prepares the link, and its log tells where
 * the importcfg.link (with the modinfo line) and the main archive are. golink then
 * links them in process instead of cmd/link.
 */
final class GoToolchain {

    private static final Pattern GO_1_19 = Pattern.compile("go1\\.19(\\.\\d+)?");

    /** The linker's environment variables that {@code go env} reports for a target. */
    private static final List<String> LINK_ENV = List.of("GOROOT", "GOARM", "GO386", "GOAMD64", "GOMIPS",
            "GOMIPS64", "GOPPC64", "GOWASM", "GOEXPERIMENT");

    /**
     * What {@code go build} prepared for one target. Closing it deletes {@code scratchDir},
     * the GOTMPDIR that holds go's work folder.
     */
    record Build(Path importcfg, Path mainArchive, Path scratchDir, Map<String, String> linkEnvironment)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            deleteTree(scratchDir);
        }
    }

    private final String executable;
    private final Map<String, String> environment;
    private final String version;

    private GoToolchain(String executable, Map<String, String> environment, String version) {
        this.executable = executable;
        this.environment = environment;
        this.version = version;
    }

    /**
     * Finds the toolchain and checks it is Go 1.19. {@code environment} is the
     * process environment with the {@code <environment>} parameter applied.
     */
    static GoToolchain open(String executable, Map<String, String> environment) throws MojoExecutionException {
        String version = run(executable, environment, null, "env", "GOVERSION").strip();
        if (!GO_1_19.matcher(version).matches()) {
            throw new MojoExecutionException("<goExecutable>: " + executable + " is "
                    + (version.isEmpty() ? "an unknown Go version" : version)
                    + ", but golink links the objects of Go 1.19 only: set <goExecutable> to the go command of a"
                    + " Go 1.19 toolchain (for example /usr/lib/go-1.19/bin/go from Debian's golang-1.19-go)");
        }
        return new GoToolchain(executable, Map.copyOf(environment), version);
    }

    String version() {
        return version;
    }

    /** Compiles the main package in {@code packageDir} for {@code target}, up to (not including) the link. */
    Build build(Target target, Path packageDir) throws MojoExecutionException {
        Map<String, String> env = new HashMap<>(environment);
        env.put("GOOS", target.goos());
        env.put("GOARCH", target.goarch());
        // golink links internally: no cgo, as for every cross-compiled Go program.
        env.put("CGO_ENABLED", "0");

        // The environment go build would hand its own linker (it exports `go env`).
        Map<String, String> linkEnv = new LinkedHashMap<>();
        String[] values = run(executable, env, packageDir, concat("env", LINK_ENV)).split("\n", -1);
        for (int i = 0; i < LINK_ENV.size() && i < values.length; i++) {
            if (!values[i].isBlank()) {
                linkEnv.put(LINK_ENV.get(i), values[i].strip());
            }
        }

        // go keeps its work folder (-work) in a GOTMPDIR of our own, so that it goes
        // away with the Build, or at once if go build fails.
        Path scratch;
        try {
            scratch = Files.createTempDirectory("golink-go-");
        } catch (IOException e) {
            throw new MojoExecutionException("cannot create a temporary folder for go build: " + e, e);
        }
        env.put("GOTMPDIR", scratch.toString());
        try {
            String devNull = File.separatorChar == '\\' ? "NUL" : "/dev/null";
            String log = run(executable, env, packageDir, "build", "-x", "-work", "-o", devNull, ".");
            return parseBuildLog(log, target, packageDir, linkEnv, scratch);
        } catch (MojoExecutionException | RuntimeException e) {
            try {
                deleteTree(scratch);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Finds go's work folder and the link command in the {@code -x} log of {@code go build}. */
    static Build parseBuildLog(String log, Target target, Path packageDir, Map<String, String> linkEnv,
            Path scratch) throws MojoExecutionException {
        Path work = null;
        List<String> link = null;
        for (String line : log.split("\n")) {
            if (line.startsWith("WORK=") && work == null) {
                work = Path.of(line.substring("WORK=".length()).strip());
            }
            List<String> words = words(line);
            if (!words.isEmpty() && isLinkTool(words.get(0)) && words.contains("-importcfg")) {
                link = words;
            }
        }
        if (work == null || link == null || link.indexOf("-importcfg") + 1 >= link.size() - 1) {
            throw new MojoExecutionException("<goPackage>: go build for " + target + " in " + packageDir
                    + " did not show its link step (no WORK= line or no link command in its -x output);"
                    + " is " + packageDir + " a main package?");
        }
        String workDir = work.toString();
        Path importcfg = Path.of(link.get(link.indexOf("-importcfg") + 1).replace("$WORK", workDir));
        Path main = Path.of(link.get(link.size() - 1).replace("$WORK", workDir));
        return new Build(packageDir.resolve(importcfg), packageDir.resolve(main), scratch, Map.copyOf(linkEnv));
    }

    private static boolean isLinkTool(String path) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        return name.equals("link") || name.equals("link.exe");
    }

    /** Splits a command line as go -x prints it: words separated by blanks, "quoted" Go strings for odd ones. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            StringBuilder word = new StringBuilder();
            if (c == '"') {
                for (i++; i < line.length() && line.charAt(i) != '"'; i++) {
                    char d = line.charAt(i);
                    if (d == '\\' && i + 1 < line.length()) {
                        d = line.charAt(++i);
                    }
                    word.append(d);
                }
                i++;
            } else {
                for (; i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t'; i++) {
                    word.append(line.charAt(i));
                }
            }
            words.add(word.toString());
        }
        return words;
    }

    /** Runs the go command; returns standard output, or for {@code build} (whose -x log goes there) standard error. */
    private static String run(String executable, Map<String, String> env, Path dir, String... args)
            throws MojoExecutionException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(args));
        Path out = null;
        Path err = null;
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
            int exit = process.waitFor();
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (exit != 0) {
                String target = env.containsKey("GOOS") ? " for " + env.get("GOOS") + "/" + env.get("GOARCH") : "";
                throw new MojoExecutionException((dir == null ? "<goExecutable>" : "<goPackage>") + ": "
                        + String.join(" ", command) + target + (dir == null ? "" : " in " + dir)
                        + " failed (exit " + exit + "):\n" + tail(stderr.isBlank() ? stdout : stderr, 30));
            }
            return args[0].equals("build") ? stderr : stdout;
        } catch (IOException e) {
            throw new MojoExecutionException("cannot run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static String tail(String text, int lines) {
        String[] all = text.strip().split("\n");
        return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
    }

    private static String[] concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all.toArray(String[]::new);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
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
