package dev.golink;

import dev.golink.cli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The corpus link inputs in golden/targets/GOOS-GOARCH/inputs.tar.xz, unpacked
 * into a test's folder: per program an importcfg and the link arguments, the
 * target's environment, and the package archives.
 */
public final class GoldenInputs {

    public static final List<String> PROGRAMS = List.of("hello", "features", "asm");
    /** cmd/link of the reference toolchain, when installed. */
    public static final Path GO_LINK = Path.of("/usr/lib/go-1.19/pkg/tool/linux_amd64/link");

    private GoldenInputs() {
    }

    /** golden/targets, found from the module's folder. */
    public static Path targetsDir() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        for (Path p = base.toAbsolutePath(); p != null; p = p.getParent()) {
            Path t = p.resolve("golden").resolve("targets");
            if (Files.isDirectory(t)) {
                return t;
            }
        }
        return base.resolve("golden").resolve("targets");
    }

    /** Unpacks the inputs of {@code target} into {@code dir}; skips the test when they are missing. */
    public static Path unpack(Target target, Path dir) throws IOException, InterruptedException {
        Path archive = targetsDir().resolve(target.fileName()).resolve("inputs.tar.xz");
        assumeTrue(Files.isRegularFile(archive), "no golden inputs at " + archive);
        Path out = dir.resolve(target.fileName());
        if (Files.isDirectory(out.resolve("pkg"))) {
            return out;
        }
        Files.createDirectories(out);
        Process p = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "cannot unpack " + archive + ": " + log);
        return out;
    }

    public static Map<String, String> env(Path inputs) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(inputs.resolve("env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    public static List<String> linkArgs(Path inputs, String program) throws IOException {
        List<String> args = new ArrayList<>();
        for (String line : Files.readAllLines(inputs.resolve(program).resolve("link.args"))) {
            if (!line.isEmpty()) {
                args.add(line);
            }
        }
        return args;
    }

    /** The options golink gets for {@code program}, with extra flags before the others. */
    public static LinkOptions options(Path inputs, String program, String... extra) throws IOException, LinkException {
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(linkArgs(inputs, program));
        return CommandLine.parse(args, env(inputs), inputs).options();
    }

    /** A copy of the program's importcfg with absolute paths, {@code replace} applied (package to new file or null to drop). */
    public static Path importcfg(Path inputs, String program, Path dir, Map<String, Path> replace) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(inputs.resolve(program).resolve("importcfg.link"))) {
            if (line.startsWith("packagefile ")) {
                String rest = line.substring("packagefile ".length());
                int eq = rest.indexOf('=');
                String pkg = rest.substring(0, eq);
                Path file = inputs.resolve(rest.substring(eq + 1));
                if (replace.containsKey(pkg)) {
                    file = replace.get(pkg);
                    if (file == null) {
                        continue;
                    }
                }
                out.add("packagefile " + pkg + "=" + file);
            } else {
                out.add(line);
            }
        }
        Path cfg = dir.resolve(program + "-importcfg");
        Files.write(cfg, out);
        return cfg;
    }

    /** The archive the importcfg of {@code program} names for {@code pkg}. */
    public static Path packageFile(Path inputs, String program, String pkg) throws IOException {
        for (String line : Files.readAllLines(inputs.resolve(program).resolve("importcfg.link"))) {
            if (line.startsWith("packagefile " + pkg + "=")) {
                return inputs.resolve(line.substring(("packagefile " + pkg + "=").length()));
            }
        }
        throw new IOException("no package " + pkg + " in the importcfg of " + program);
    }

    /** The main archive: the last link argument. */
    public static Path mainArchive(Path inputs, String program) throws IOException {
        List<String> args = linkArgs(inputs, program);
        return inputs.resolve(args.get(args.size() - 1));
    }

    /** The first position of {@code needle} (Latin-1 bytes) in {@code hay}, or -1: finds what to damage in a copy. */
    public static int indexOf(byte[] hay, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + n.length <= hay.length; i++) {
            for (int k = 0; k < n.length; k++) {
                if (hay[i + k] != n[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
