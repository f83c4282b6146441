package dev.golink.conformance;

import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A program whose exported methods only {@code reflect.Type.Method} and {@code MethodByName} reach:
 * the compiler marks main.main as calling them, and cmd/link then keeps every exported method of
 * the types converted to an interface. No golden program calls them, so dropping that rule from
 * dead-code elimination changed no golden output (issue 18). Built on the spot by Go 1.19.8 for one
 * target of each container and of the main architectures; golink's output must be cmd/link's, byte
 * for byte. Skipped without Go 1.19.8.
 */
class OnTheSpotReflectMethodTest {

    /** reflect.Value.Method and MethodByName stay unreachable: they would keep the methods by another rule. */
    private static final String PROGRAM = """
            package main

            import (
            	"fmt"
            	"reflect"
            )

            type Greeter struct{ Name string }

            func (g Greeter) Hello() string    { return "hello, " + g.Name }
            func (g Greeter) Goodbye() string  { return "goodbye, " + g.Name }
            func (g *Greeter) Rename(n string) { g.Name = n }
            func (g Greeter) quiet() string    { return "quiet " + g.Name }

            func main() {
            	t := reflect.TypeOf(&Greeter{Name: "gopher"})
            	for i := 0; i < t.NumMethod(); i++ {
            		fmt.Println(t.Method(i).Name, t.Method(i).Type)
            	}
            	if m, ok := t.MethodByName("Goodbye"); ok {
            		fmt.Println(m.Func.Call([]reflect.Value{reflect.ValueOf(&Greeter{Name: "gopher"})})[0])
            	}
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux/amd64", "linux/386", "linux/arm", "linux/arm64", "js/wasm", "windows/amd64",
        "darwin/arm64"})
    void methodsKeptOnlyForReflectTypeMethodAreKept(String target) throws Exception {
        Path src = Files.createDirectories(work.resolve(target.replace('/', '-')));
        Files.writeString(src.resolve("go.mod"), "module reflectmethod\n\ngo 1.19\n");
        Files.writeString(src.resolve("main.go"), PROGRAM);
        GoBuild build = GoBuild.captureKept(".", src, Target.parse(target), gocache, false, "", List.of());
        try {
            Path theirs = build.work().resolve("cmdlink.out");
            build.runCmdLink(List.of(), theirs);
            byte[] expected = Files.readAllBytes(theirs);
            // The case holds only while cmd/link keeps a method that no code calls.
            assertTrue(new String(expected, StandardCharsets.ISO_8859_1).contains("main.Greeter.Goodbye"),
                    "cmd/link keeps main.Greeter.Goodbye");

            Path ours = build.work().resolve("golink.out");
            new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).link(
                    CommandLine.parse(build.withOutput(build.args(), ours), build.env(), build.work()).options());
            byte[] actual = Files.readAllBytes(ours);
            assertEquals(expected.length, actual.length, target + ": file size");
            assertEquals(-1, Arrays.mismatch(expected, actual), target + ": first differing byte");
        } finally {
            build.delete();
        }
    }
}
