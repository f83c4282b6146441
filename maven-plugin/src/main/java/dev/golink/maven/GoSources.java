package dev.golink.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a go build of a {@code <goPackage>} reads, as a fingerprint that needs no process: every
 * file of the Go module that holds the package (sources, go.mod, go.sum, embedded files,
 * vendor), any go.work above it, the VCS state go build stamps (the HEAD commit of a git
 * repository; the tree's status comes from the module's own files), the go command's identity, the environment variables the go command reads
 * and its {@code go env -w} file. When it and the goal's parameters match the last build's,
 * the goal starts no process at all.
 */
final class GoSources {

    /** Folders never part of a build: version control, and the build's own output (passed in). */
    private static final Set<String> SKIPPED = Set.of(".git", ".hg", ".svn", ".bzr");

    private GoSources() {
    }

    /** The folder of the go.mod that governs {@code packageDir}, or {@code packageDir} when there is none. */
    static Path moduleRoot(Path packageDir) {
        for (Path dir = packageDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("go.mod"))) {
                return dir;
            }
        }
        return packageDir.toAbsolutePath().normalize();
    }

    /**
     * The fingerprint text (hashed by the caller) of the sources and toolchain: one line per file
     * with its SHA-256, then the toolchain, the environment and the go env file.
     */
    static String describe(Path packageDir, List<Path> excluded, String goExecutable, Map<String, String> env)
            throws IOException {
        StringBuilder text = new StringBuilder();
        Path root = moduleRoot(packageDir);
        text.append("package ").append(packageDir.toAbsolutePath().normalize()).append('\n');
        text.append("module ").append(root).append('\n');
        for (Path file : files(root, excluded)) {
            text.append("file ").append(root.relativize(file)).append(' ').append(Fingerprint.sha256(file))
                    .append('\n');
        }
        for (Path dir = root; dir != null; dir = dir.getParent()) {
            hashIfPresent(text, "work", dir.resolve("go.work"));
            Path git = dir.resolve(".git");
            if (Files.isDirectory(git)) {
                // The commit that go build's VCS stamp records. Not the index, which git status rewrites.
                hashIfPresent(text, "git", git.resolve("HEAD"));
                String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).strip();
                if (head.startsWith("ref: ")) {
                    hashIfPresent(text, "git", git.resolve(head.substring("ref: ".length())));
                    hashIfPresent(text, "git", git.resolve("packed-refs"));
                }
            }
        }
        Path go = executable(goExecutable, env);
        text.append("go ").append(goExecutable).append(' ').append(go);
        if (go != null) {
            Path real = go.toRealPath();
            text.append(' ').append(real).append(' ').append(Files.size(real)).append(' ')
                    .append(Files.getLastModifiedTime(real).toMillis());
            Path goroot = real.getParent() == null ? null : real.getParent().getParent();
            if (goroot != null) {
                hashIfPresent(text, "goroot", goroot.resolve("VERSION"));
            }
        }
        text.append('\n');
        Map<String, String> sorted = new TreeMap<>(env);
        sorted.forEach((name, value) -> {
            if ((name.startsWith("GO") || name.startsWith("CGO_") || name.equals("CC") || name.equals("CXX")
                    || name.equals("PATH") || name.equals("HOME") || name.equals("XDG_CONFIG_HOME"))
                    && !name.equals("GOLINK_SPOOL")) {
                text.append("env ").append(name).append('=').append(value).append('\n');
            }
        });
        Path goEnvFile = goEnvFile(env);
        if (goEnvFile != null) {
            hashIfPresent(text, "goenv", goEnvFile);
        }
        return text.toString();
    }

    /** The Go module's files in a fixed order, without VCS folders and {@code excluded} folders. */
    static List<Path> files(Path root, List<Path> excluded) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> skip = excluded.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path name = dir.getFileName();
                if (skip.contains(dir) || (!dir.equals(root) && name != null && SKIPPED.contains(name.toString()))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    /** The go command as the process would find it: a path, or a name looked up on PATH. */
    static Path executable(String goExecutable, Map<String, String> env) {
        if (goExecutable.contains("/") || goExecutable.contains(File.separator)) {
            Path p = Path.of(goExecutable);
            return Files.isExecutable(p) ? p.toAbsolutePath() : null;
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, goExecutable);
                if (Files.isExecutable(p) && Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The file {@code go env -w} writes, where the go command would look for it. */
    static Path goEnvFile(Map<String, String> env) {
        String goenv = env.get("GOENV");
        if (goenv != null) {
            return goenv.isEmpty() || goenv.equals("off") ? null : Path.of(goenv);
        }
        String config = env.get("XDG_CONFIG_HOME");
        String home = env.get("HOME");
        if (System.getProperty("os.name", "").startsWith("Mac")) {
            return home == null ? null : Path.of(home, "Library", "Application Support", "go", "env");
        }
        if (config != null && !config.isEmpty()) {
            return Path.of(config, "go", "env");
        }
        return home == null ? null : Path.of(home, ".config", "go", "env");
    }

    private static void hashIfPresent(StringBuilder text, String what, Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            text.append(what).append(' ').append(file).append(' ').append(Fingerprint.sha256(file)).append('\n');
        }
    }
}
