package dev.golink;

import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * js/wasm end to end: the module equals cmd/link's, runs under node with Go's
 * wasm_exec.js, and a link that fails once the module is being written leaves
 * no file.
 */
class WasmOutputTest {

    private static final Target WASM = new Target("js", "wasm");

    @TempDir
    static Path work;

    private static LinkOptions options(Path inputs, String program, Path out, String... extra) throws Exception {
        List<String> args = new ArrayList<>(GoldenInputs.linkArgs(inputs, program));
        String main = args.remove(args.size() - 1);
        args.addAll(List.of(extra));
        args.addAll(List.of("-o", out.toString(), main));
        return CommandLine.parse(args, GoldenInputs.env(inputs), inputs).options();
    }

    private static Path reference() throws Exception {
        Path ref = work.resolve("reference");
        Path archive = GoldenInputs.targetsDir().resolve(WASM.fileName()).resolve("reference.tar.xz");
        assumeTrue(Files.isRegularFile(archive), "no reference outputs");
        if (!Files.isDirectory(ref)) {
            Files.createDirectories(ref);
            Process p = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", ref.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertEquals(0, p.waitFor());
        }
        return ref;
    }

    @Test
    void helloIsCmdLinksModuleAndRuns() throws Exception {
        Path inputs = GoldenInputs.unpack(WASM, work);
        Path ref = reference();
        Path sw = work.resolve("hello-sw.wasm");
        Path full = work.resolve("hello.wasm");
        Linker linker = new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        linker.link(options(inputs, "hello", sw, "-s", "-w"));
        linker.link(options(inputs, "hello", full));
        assertArrayEquals(Files.readAllBytes(ref.resolve("hello.sw.out")), Files.readAllBytes(sw), "-s -w");
        assertArrayEquals(Files.readAllBytes(ref.resolve("hello.default.out")), Files.readAllBytes(full), "default");

        assertEquals("hello, world\n", run(full));
    }

    @Test
    void featuresAndAsmRun() throws Exception {
        Path inputs = GoldenInputs.unpack(WASM, work);
        Linker linker = new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Path features = work.resolve("features.wasm");
        Path asm = work.resolve("asm.wasm");
        linker.link(options(inputs, "features", features, "-s"));
        linker.link(options(inputs, "asm", asm, "-s"));
        String f = run(features);
        // Goroutines and channels, a recovered panic, reflection through encoding/json.
        assertTrue(f.contains("pipeline 385\n") && f.contains("recovered: runtime error: integer divide by zero")
                && f.contains("{\"id\":7,\"items\":[\"a\",\"b\"]"), f);
        String a = run(asm);
        assertTrue(a.contains("sha256 3f048d50c845091980bbe9b0732669184a977a391681550dbfdf5c14be4109f8\n")
                && a.contains("aes-gcm open true\n") && a.contains("2^127-1 prime true\n"), a);
    }

    /** Runs a module under node with Go 1.19's wasm_exec.js; returns what it printed. */
    private static String run(Path module) throws Exception {
        Path node = Stream.of("/usr/bin/node", "/usr/local/bin/node").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        Path wasmExec = Path.of("/usr/lib/go-1.19/misc/wasm/wasm_exec.js");
        assumeTrue(node != null && Files.isRegularFile(wasmExec), "needs node and Go 1.19's wasm_exec.js");
        Path runner = GoldenInputs.targetsDir().resolveSibling("tools").resolve("wasmrun").resolve("run_wasm.js");
        assumeTrue(Files.isRegularFile(runner), "no runner at " + runner);
        Process p = new ProcessBuilder(node.toString(), runner.toString(), module.toString())
                .redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), printed);
        return printed;
    }

    @Test
    void failureWhileWritingTheModuleLeavesNoFile() throws Exception {
        Path inputs = GoldenInputs.unpack(WASM, work);
        Path dir = Files.createDirectories(work.resolve("fail"));
        Path out = dir.resolve("a.wasm");
        String[] seen = new String[1];
        Linker linker = new Linker(System.out, (phase, ctxt) -> {
            if (phase.equals("asmb2")) {
                seen[0] = ctxt.outBuf.length() + " bytes";
                throw new LinkException("injected after asmb2");
            }
        });
        LinkException e = assertThrows(LinkException.class, () -> linker.link(options(inputs, "hello", out, "-s")));
        assertEquals("injected after asmb2", e.getMessage());
        assertTrue(seen[0] != null && !seen[0].startsWith("0 "), "the module was written before the failure");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "a failed link left files behind");
        }
    }
}
