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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code -whykept} on a program built on the spot by Go 1.19.8 that calls
 * {@code reflect.Value.MethodByName}: the chain to a method only reflection can call names the
 * function that calls MethodByName, and the output stays cmd/link's. Skipped without Go 1.19.8.
 */
class OnTheSpotWhyKeptTest {

    private static final String PROGRAM = """
            package main

            import (
            	"fmt"
            	"os"
            	"reflect"
            )

            type Greeter struct{ name string }

            func (g *Greeter) Hello() string  { return "hello, " + g.name }
            func (g *Greeter) Unused() string { return "unused " + g.name }
            func (g *Greeter) private() string { return "private " + g.name }

            type shape interface{ Area() float64 }

            type square struct{ s float64 }

            func (q square) Area() float64 { return q.s * q.s }

            //go:noinline
            func callByName(v any, name string) []reflect.Value {
            	return reflect.ValueOf(v).MethodByName(name).Call(nil)
            }

            func main() {
            	var s shape = square{float64(len(os.Args))}
            	fmt.Println(s.Area())
            	fmt.Println(callByName(&Greeter{os.Args[0]}, "Hello")[0])
            }
            """;

    private static Path gocache;

    @TempDir
    static Path work;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(GoBuild.available(), "needs Go 1.19.8 at " + GoBuild.GO);
        gocache = GoBuild.sharedCache();
    }

    @Test
    void chainToAReflectedMethodNamesTheCallerOfMethodByName() throws Exception {
        Path src = Files.createDirectories(work.resolve("whykept"));
        Files.writeString(src.resolve("go.mod"), "module whykept\n\ngo 1.19\n");
        Files.writeString(src.resolve("main.go"), PROGRAM);
        GoBuild build = GoBuild.captureKept(".", src, Target.parse("linux/amd64"), gocache, false, "", List.of());
        try {
            Path expected = build.work().resolve("cmdlink.out");
            build.runCmdLink(List.of(), expected);
            Path ours = build.work().resolve("golink.out");
            List<String> flags = List.of("-whykept=main.(*Greeter).Unused", "-whykept=main.(*Greeter).private",
                    "-whykept=/^main\\.square\\.Area$/", "-whykept=no.such.symbol",
                    "-sizereport=" + build.work().resolve("size.json"), "-map=" + build.work().resolve("link.map"));
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            new Linker(new PrintStream(printed, true, StandardCharsets.UTF_8)).link(CommandLine.parse(
                    build.withOutput(CaseRunner.argsFor(build.args(), flags), ours), build.env(), build.work()).options());
            assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(ours), "the reports change no byte");

            String out = printed.toString(StandardCharsets.UTF_8);
            List<String> lines = out.lines().toList();
            int unused = lines.indexOf(lines.stream().filter(l -> l.startsWith("whykept main.(*Greeter).Unused: "))
                    .findFirst().orElseThrow(() -> new AssertionError(out)));
            assertTrue(lines.get(unused + 1).contains("(a root of the link)"), out);
            String last = lines.stream().skip(unused + 1).filter(l -> l.contains("-> main.(*Greeter).Unused  ("))
                    .findFirst().orElseThrow(() -> new AssertionError(out));
            assertTrue(last.contains("exported method Unused of type.*main.Greeter"), last);
            assertTrue(last.contains("reflect.Value.MethodByName is called by main.callByName"), last);
            assertTrue(lines.contains("    -> type.*main.Greeter  (converted to an interface by main.main)"), out);

            assertTrue(lines.contains("whykept main.(*Greeter).private: not kept (dead code)"), out);
            assertTrue(out.contains("-> main.square.Area  (referenced by main.main)")
                    || out.contains("-> main.square.Area  (method Area of type.main.square, kept because"), out);
            assertTrue(lines.contains("whykept no.such.symbol: no such symbol in the link"), out);
            assertEquals(1, lines.stream().filter(l -> l.startsWith("whykept main.square.Area")).count(), out);
        } finally {
            build.delete();
        }
    }
}
