package dev.golink.conformance;

import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
 * Methods that only a rare rule of dead-code elimination keeps. {@code reflect}: exported methods
 * that only {@code reflect.Type.Method} and {@code MethodByName} reach: the compiler marks main.main
 * as calling them, and cmd/link then keeps every exported method of the types converted to an
 * interface. No golden program calls them, so dropping that rule changed no golden output (issue 18).
 * {@code generic}: methods called only through a generic interface ({@code Getter[T]}) inside a
 * generic function, which cmd/link matches by name alone (R_USEGENERICIFACEMETHOD). Built on the spot
 * by Go 1.19.8 for one target of each container and of the main architectures; golink's output must be
 * cmd/link's, byte for byte. Skipped without Go 1.19.8.
 */
class OnTheSpotReflectMethodTest {

    /** reflect.Value.Method and MethodByName stay unreachable: they would keep the methods by another rule. */
    private static final String REFLECT = """
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

    /** Getter[T] is a generic interface: the call in get's shaped body names the method, not its type. */
    private static final String GENERIC = """
            package main

            import "fmt"

            type Getter[T any] interface{ Get() T }

            type intBox struct{ v int }

            func (b intBox) Get() int { return b.v }

            type strBox struct{ s string }

            func (b strBox) Get() string { return "box of " + b.s }

            func get[T any](g Getter[T]) T { return g.Get() }

            func main() {
            	fmt.Println(get[int](intBox{7}), get[string](strBox{"gophers"}))
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

    @ParameterizedTest(name = "{0} for {1}")
    @CsvSource({"reflect, linux/amd64", "reflect, linux/386", "reflect, linux/arm", "reflect, linux/arm64",
        "reflect, js/wasm", "reflect, windows/amd64", "reflect, darwin/arm64", "generic, linux/amd64", "generic, js/wasm"})
    void methodsKeptOnlyByARareRuleAreKept(String program, String target) throws Exception {
        Path src = Files.createDirectories(work.resolve(program + "-" + target.replace('/', '-')));
        Files.writeString(src.resolve("go.mod"), "module " + program + "method\n\ngo 1.19\n");
        Files.writeString(src.resolve("main.go"), program.equals("reflect") ? REFLECT : GENERIC);
        String kept = program.equals("reflect") ? "main.Greeter.Goodbye" : "main.strBox.Get";
        GoBuild build = GoBuild.captureKept(".", src, Target.parse(target), gocache, false, "", List.of());
        try {
            Path theirs = build.work().resolve("cmdlink.out");
            build.runCmdLink(List.of(), theirs);
            byte[] expected = Files.readAllBytes(theirs);
            // The case holds only while cmd/link keeps a method that no code calls directly.
            assertTrue(new String(expected, StandardCharsets.ISO_8859_1).contains(kept), "cmd/link keeps " + kept);

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
