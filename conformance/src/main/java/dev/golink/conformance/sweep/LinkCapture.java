package dev.golink.conformance.sweep;

import dev.golink.conformance.GoBuild;
import dev.golink.conformance.GoldenTarget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds a program with Go 1.19.8 and captures its link step without running it:
 * the go command runs its tools through a {@code -toolexec} script that, for the
 * link, records the arguments and stops. The compiled archives stay in the sweep's
 * Go build cache, the main package's in the build's work folder, so both linkers
 * can then link the same inputs. Nothing is linked through the go command.
 */
final class LinkCapture {

    private static final String SCRIPT = """
            #!/bin/sh
            # golink sweep: runs Go's tools, but records the link step instead of running it.
            tool="$1"; shift
            case "${tool##*/}" in
            link)
            \tfor a in "$@"; do case "$a" in -V|-V=*) exec "$tool" "$@";; esac; done
            \tprintf '%s\\n' "$@" > "$GOLINK_SWEEP_CAPTURE/args.tmp" && mv "$GOLINK_SWEEP_CAPTURE/args.tmp" "$GOLINK_SWEEP_CAPTURE/args"
            \texit 3;;
            *) exec "$tool" "$@";;
            esac
            """;

    /** What a build gave: the link step, or why there is none. */
    record Result(GoBuild build, Outcome failure, String message) {
    }

    private final Path script;
    private final Path gocache;

    LinkCapture(Path cacheDir, Path gocache) throws IOException {
        this.gocache = Files.createDirectories(gocache);
        this.script = cacheDir.resolve("capture-link.sh");
        if (!Files.isRegularFile(script) || !Files.readString(script).equals(SCRIPT)) {
            Files.writeString(script, SCRIPT);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Builds {@code p} for {@code target} in {@code scratch} (an empty folder of its own) and captures its link. */
    Result capture(Program p, GoldenTarget target, Path scratch) throws IOException, InterruptedException {
        Path capture = Files.createDirectories(scratch.resolve("capture"));
        Path out = scratch.resolve("go-output");
        List<String> cmd = new ArrayList<>(List.of(GoBuild.GO.toString()));
        Path dir;
        switch (p.kind()) {
            case TEST_FILE -> {
                // A folder of its own, so that the file's build constraints decide as the test driver's do.
                dir = Files.createDirectories(scratch.resolve("src"));
                Files.copy(p.location(), dir.resolve(p.location().getFileName()));
                Files.writeString(dir.resolve("go.mod"), "module sweep\n\ngo 1.19\n");
                cmd.addAll(List.of("build", "-work", "-buildvcs=false", "-toolexec", script.toString()));
                cmd.addAll(p.recipe().buildFlags());
                cmd.addAll(List.of("-o", out.toString(), "."));
            }
            case TEST_BINARY -> {
                dir = scratch;
                cmd.addAll(List.of("test", "-c", "-work", "-toolexec", script.toString(), "-o", out.toString(),
                        p.pkg()));
            }
            default -> {
                dir = p.location();
                cmd.addAll(List.of("build", "-work", "-buildvcs=false", "-toolexec", script.toString(), "-o",
                        out.toString(), p.pkg()));
            }
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        Map<String, String> linkEnv = linkEnv(target, p);
        env.putAll(linkEnv);
        env.put("CGO_ENABLED", "0");
        // go build makes PIEs on ios, which cmd/link links only through a C toolchain for iOS; the
        // golden corpus builds ios/amd64 with -buildmode=exe too (golden/README.md).
        env.put("GOFLAGS", target.target().goos().equals("ios") ? "-buildmode=exe" : "");
        env.put("GOPROXY", "off");
        env.put("GOWORK", "off");
        env.put("GOCACHE", gocache.toString());
        env.put("GOLINK_SWEEP_CAPTURE", capture.toString());
        env.put("PATH", GoBuild.GOROOT.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        Path errFile = scratch.resolve("go.stderr");
        pb.redirectError(errFile.toFile());
        Process proc = pb.start();
        if (!proc.waitFor(30, TimeUnit.MINUTES)) {
            proc.destroyForcibly().waitFor();
            return new Result(null, Outcome.NOT_BUILT, "go build took over 30 minutes");
        }
        String log = Files.readString(errFile, StandardCharsets.ISO_8859_1);
        String work = null;
        for (String line : log.split("\n")) {
            if (line.startsWith("WORK=")) {
                work = line.substring(5);
            }
        }
        Path argsFile = capture.resolve("args");
        if (!Files.isRegularFile(argsFile)) {
            if (work != null) {
                deleteWork(Path.of(work));
            }
            boolean excluded = log.contains("build constraints exclude all Go files") || log.contains("no test files")
                    || log.contains("no Go files");
            return new Result(null, excluded ? Outcome.EXCLUDED : Outcome.NOT_BUILT, firstError(log));
        }
        List<String> args = Files.readAllLines(argsFile, StandardCharsets.UTF_8);
        return new Result(new GoBuild(args, linkEnv, work == null ? dir : Path.of(work)), null, null);
    }

    /** The environment both linkers get: what changes a link's output. */
    static Map<String, String> linkEnv(GoldenTarget target, Program p) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GOOS", target.target().goos());
        env.put("GOARCH", target.target().goarch());
        env.put("GOROOT", GoBuild.GOROOT.toString());
        if (!target.setting().isEmpty()) {
            int eq = target.setting().indexOf('=');
            env.put(target.setting().substring(0, eq), target.setting().substring(eq + 1));
        }
        if (p.recipe() != null && !p.recipe().goexperiment().isEmpty()) {
            env.put("GOEXPERIMENT", p.recipe().goexperiment());
        }
        return env;
    }

    /** The go command's first line that is not its work folder or a package heading. */
    private static String firstError(String log) {
        for (String line : log.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("WORK=") && !l.startsWith("#")) {
                return l;
            }
        }
        return "go build failed";
    }

    static void deleteWork(Path work) throws IOException {
        if (Files.isDirectory(work)) {
            try (var s = Files.walk(work)) {
                for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    q.toFile().setWritable(true);
                    Files.deleteIfExists(q);
                }
            }
        }
    }
}
