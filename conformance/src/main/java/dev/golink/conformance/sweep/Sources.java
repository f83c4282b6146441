package dev.golink.conformance.sweep;

import dev.golink.conformance.GoBuild;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The programs of each source the sweep knows, in a stable order. */
public final class Sources {

    /** The folders of {@code $GOROOT/test} that the test tree's driver walks. */
    private static final List<String> TEST_DIRS = List.of(".", "ken", "chan", "interface", "syntax", "dwarf",
            "fixedbugs", "codegen", "runtime", "abi", "typeparam", "typeparam/mdempsky");

    private Sources() {
    }

    /** The programs of {@code source}: {@code goroot-test}, {@code std-tests}, or a folder holding a Go module. */
    public static List<Program> of(String source) throws IOException, InterruptedException {
        return switch (source) {
            case "goroot-test" -> gorootTest(GoBuild.GOROOT.resolve("test"));
            case "std-tests" -> stdTests();
            default -> module(Path.of(source));
        };
    }

    /** Every file of the test tree whose recipe is {@code run}. */
    static List<Program> gorootTest(Path testRoot) throws IOException {
        if (!Files.isDirectory(testRoot)) {
            throw new IOException("no Go test tree at " + testRoot + " (apt-get install golang-1.19-src)");
        }
        List<Program> programs = new ArrayList<>();
        for (String d : TEST_DIRS) {
            Path dir = testRoot.resolve(d).normalize();
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".go")).sorted().toList();
            }
            for (Path f : files) {
                String src = Files.readString(f, StandardCharsets.ISO_8859_1);
                Recipe r = Recipe.parse(src);
                if (r == null || !r.action().equals("run")) {
                    continue;
                }
                // A test that runs commands (the go command, mostly) tests the toolchain, not its own
                // link, and cannot run under an emulator: it is linked and compared, not run.
                Path out = f.resolveSibling(f.getFileName().toString().replaceFirst("\\.go$", ".out"));
                byte[] expected = src.contains("\"os/exec\"") ? null
                        : Files.isRegularFile(out) ? Files.readAllBytes(out) : new byte[0];
                programs.add(new Program("goroot-test", testRoot.relativize(f).toString(), Program.Kind.TEST_FILE, f,
                        null, r, expected));
            }
        }
        return programs;
    }

    /** The test binary of every standard-library package that has tests. */
    static List<Program> stdTests() throws IOException, InterruptedException {
        List<Program> programs = new ArrayList<>();
        for (String pkg : goList(null, "{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}", "std")) {
            programs.add(new Program("std-tests", pkg, Program.Kind.TEST_BINARY, null, pkg, null, null));
        }
        return programs;
    }

    /** Every main package of the module in {@code dir}. */
    static List<Program> module(Path dir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(dir.resolve("go.mod"))) {
            throw new IOException("unknown source " + dir + ": neither goroot-test, std-tests nor a folder with a go.mod");
        }
        List<Program> programs = new ArrayList<>();
        for (String pkg : goList(dir, "{{if eq .Name \"main\"}}{{.ImportPath}}{{end}}", "./...")) {
            programs.add(new Program(dir.toString(), pkg, Program.Kind.MAIN_PACKAGE, dir.toAbsolutePath(), pkg, null,
                    null));
        }
        return programs;
    }

    private static List<String> goList(Path dir, String format, String pattern) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(GoBuild.GO.toString(), "list", "-e", "-f", format, pattern)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("GOFLAGS", "");
        pb.environment().put("CGO_ENABLED", "0");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("go list " + pattern + " failed" + (dir == null ? "" : " in " + dir));
        }
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
