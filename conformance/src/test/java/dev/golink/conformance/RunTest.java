package dev.golink.conformance;

import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import dev.golink.conformance.sweep.Emulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What golink links runs, and prints what the native program prints.
 *
 * <p>Every Linux and js/wasm target and variant of the golden corpus: golink
 * links each program, which runs under qemu-user ({@code qemu-<cpu>-static},
 * Debian's qemu-user-static), on this machine for amd64 and 386 (qemu's i386
 * emulator does not run Go's 386 programs, the kernel does), or under node with
 * Go's wasm_exec.js; its output must equal that of the same program linked for
 * linux/amd64 and run here. A target whose emulator is missing, or whose CPU
 * level this machine lacks, is skipped, saying so.
 *
 * <p>js/wasm beyond the golden corpus: a program that talks to JavaScript through
 * syscall/js (so host imports, exports and callbacks all matter), built on the
 * spot by Go 1.19.8, must link to cmd/link's bytes and run under node with Go's
 * wasm_exec.js. Needs golang-1.19-go and node; skipped without them.
 */
class RunTest {

    private static final Target WASM = new Target("js", "wasm");

    private static final String PROGRAM = """
            package main

            import (
            \t"fmt"
            \t"sort"
            \t"strings"
            \t"syscall/js"
            )

            var table [1 << 16]byte // mostly zeros: split into data segments

            func main() {
            \ttable[40000] = 1
            \tdone := make(chan string)
            \tcb := js.FuncOf(func(this js.Value, args []js.Value) any {
            \t\tdone <- strings.ToUpper(args[0].String())
            \t\treturn nil
            \t})
            \tjs.Global().Call("setTimeout", cb, 1, "from js")
            \tfmt.Println(<-done)
            \tcb.Release()
            \tm := js.Global().Get("Math")
            \txs := []float64{m.Call("max", 3, 9).Float(), m.Call("min", 3, 9).Float(), m.Get("PI").Float()}
            \tsort.Float64s(xs)
            \tfmt.Printf("%.2f %d\\n", xs, table[40000])
            }
            """;

    @TempDir
    static Path work;

    /** The programs of the corpus, each printing what it computed. */
    private static final List<String> PROGRAMS = List.of("hello", "features", "asm");
    /** What each program prints linked for linux/amd64 and run here. */
    private static final Map<String, String> nativeOutput = new HashMap<>();

    static List<String> runnableTargets() {
        return GoldenCorpus.locate().targets().stream()
                .filter(t -> t.target().goos().equals("linux") || t.target().goos().equals("js"))
                .map(GoldenTarget::toString).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runnableTargets")
    void programsPrintWhatTheNativeOnesPrint(String name) throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "runs the native programs of linux/amd64");
        GoldenTarget target = GoldenTarget.parse(name);
        List<String> runner = runner(target);
        Path dir = Files.createDirectories(work.resolve(target.fileName()));
        GoldenCorpus.locate().unpackInputs(target, dir);
        for (String program : PROGRAMS) {
            String printed = run(runner, link(dir, program));
            assertEquals(nativeOutput(program), printed, target + " " + program);
        }
    }

    /** The command that runs a program of {@code target} here, before the program's path. */
    private static List<String> runner(GoldenTarget target) throws IOException {
        List<String> prefix = Emulator.prefix(target);
        assumeTrue(prefix != null, "skipped: " + target + "'s programs cannot run here (qemu-user-static, node and "
                + "Go's wasm_exec.js, or a CPU with " + target.setting() + ")");
        return prefix;
    }

    private static synchronized String nativeOutput(String program) throws Exception {
        String printed = nativeOutput.get(program);
        if (printed == null) {
            Path dir = work.resolve("native");
            if (!Files.isDirectory(dir)) {
                GoldenCorpus.locate().unpackInputs(GoldenTarget.parse("linux/amd64"), Files.createDirectories(dir));
            }
            printed = run(List.of(), link(dir, program));
            nativeOutput.put(program, printed);
        }
        return printed;
    }

    /** Links {@code program} of the unpacked inputs in {@code dir} with golink; returns the executable. */
    private static Path link(Path dir, String program) throws Exception {
        Path out = dir.resolve(program + ".golink");
        List<String> args = new ArrayList<>(
                Files.readAllLines(dir.resolve(program).resolve("link.args"), StandardCharsets.UTF_8));
        args.set(args.indexOf("-o") + 1, out.toString());
        new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .link(CommandLine.parse(args, CaseRunner.readEnv(dir.resolve("env")), dir).options());
        return out;
    }

    /** Runs a program; returns what it printed, failing unless it exits with 0 within two minutes. */
    private static String run(List<String> runner, Path program) throws Exception {
        List<String> cmd = new ArrayList<>(runner);
        cmd.add(program.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), cmd + " did not end");
            assertEquals(0, p.exitValue(), () -> cmd + " failed:\n" + printed);
            return printed;
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void syscallJsProgramIsCmdLinksModuleAndRuns() throws Exception {
        assumeTrue(GoBuild.available(), "needs Go 1.19.8 at " + GoBuild.GO);
        Path gocache = Path.of(System.getProperty("golink.reportDir", "target/conformance")).resolveSibling("gocache");
        Files.createDirectories(gocache);
        Path runner = GoldenCorpus.locate().root().resolve("tools").resolve("wasmrun").resolve("run_wasm.js");
        Path src = Files.createDirectories(work.resolve("jsprog"));
        Files.writeString(src.resolve("go.mod"), "module jsprog\n\ngo 1.19\n");
        Files.writeString(src.resolve("main.go"), PROGRAM);
        GoBuild build = GoBuild.capture(".", src, WASM, gocache);
        try {
            Path ours = null;
            for (List<String> flags : List.<List<String>>of(List.of(), List.of("-s"))) {
                Path expected = build.work().resolve("cmdlink.wasm");
                build.runCmdLink(flags, expected);
                ours = build.work().resolve("golink.wasm");
                List<String> args = build.withOutput(CaseRunner.argsFor(build.args(), flags), ours);
                new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                        .link(CommandLine.parse(args, build.env(), build.work()).options());
                assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(ours), "flags " + flags);
            }
            Path node = Path.of("/usr/bin/node");
            assumeTrue(Files.isExecutable(node) && Files.isRegularFile(runner), "needs node and " + runner);
            Process p = new ProcessBuilder(node.toString(), runner.toString(), ours.toString())
                    .redirectErrorStream(true).start();
            String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), printed);
            assertEquals("FROM JS\n[3.00 3.14 9.00] 1\n", printed);
        } finally {
            build.delete();
        }
    }
}
