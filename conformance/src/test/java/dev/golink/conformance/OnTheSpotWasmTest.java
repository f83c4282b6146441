package dev.golink.conformance;

import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * js/wasm beyond the golden corpus: a program that talks to JavaScript through
 * syscall/js (so host imports, exports and callbacks all matter), built on the
 * spot by Go 1.19.8, must link to cmd/link's bytes and run under node with Go's
 * wasm_exec.js. Needs golang-1.19-go and node; skipped without them.
 */
class OnTheSpotWasmTest {

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

    private static Path gocache;
    private static Path runner;

    @TempDir
    static Path work;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(GoBuild.available(), "needs Go 1.19.8 at " + GoBuild.GO);
        gocache = Path.of(System.getProperty("golink.reportDir", "target/conformance")).resolveSibling("gocache");
        Files.createDirectories(gocache);
        runner = GoldenCorpus.locate().root().resolve("tools").resolve("wasmrun").resolve("run_wasm.js");
    }

    @Test
    void syscallJsProgramIsCmdLinksModuleAndRuns() throws Exception {
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
