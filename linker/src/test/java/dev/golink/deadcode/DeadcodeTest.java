package dev.golink.deadcode;

import dev.golink.GoldenInputs;
import dev.golink.Target;
import dev.golink.goobj.PackageObject;
import dev.golink.loader.ImportConfig;
import dev.golink.loader.LibraryLoader;
import dev.golink.loader.Loader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What deadcode keeps and drops in the hello program, by cmd/link's rules. */
class DeadcodeTest {

    @TempDir
    static Path work;
    static Loader ldr;
    static String edges;

    @BeforeAll
    static void link() throws Exception {
        Path inputs = GoldenInputs.unpack(new Target("linux", "amd64"), work);
        Path cfg = GoldenInputs.importcfg(inputs, "hello", work, Map.of());
        ldr = new Loader(true, new dev.golink.Diagnostics());
        ldr.setArch(8, ByteOrder.LITTLE_ENDIAN);
        new LibraryLoader(ldr, ImportConfig.read(cfg, inputs), List.of(),
                PackageObject.expectedHeader("linux", "amd64", dev.golink.Experiments.baseline("amd64"), "go1.19.8"), inputs)
                .loadlib(GoldenInputs.mainArchive(inputs, "hello"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Deadcode(ldr, Loader.SYM_VER_ABI_INTERNAL, out)
                .run(List.of("_rt0_amd64_linux", "runtime.unreachableMethod"));
        edges = out.toString(StandardCharsets.UTF_8);
    }

    private static boolean reachable(String name, int ver) {
        int s = ldr.lookup(name, ver);
        assertNotEquals(0, s, name + " is loaded");
        return ldr.attrReachable(s);
    }

    @Test
    void rootsAndWhatTheyReach() {
        assertTrue(reachable("_rt0_amd64_linux", 0));
        assertTrue(reachable("runtime.unreachableMethod", 1));
        assertTrue(reachable("main.main", 1), "reached from the runtime through go:linkname main_main");
        assertTrue(edges.startsWith("_ -> _rt0_amd64_linux\n_ -> runtime.unreachableMethod\n"), edges.substring(0, 80));
        // fmt.Println is inlined: main.main calls Fprintln with os.Stdout as an io.Writer.
        assertTrue(edges.contains("\nmain.main -> fmt.Fprintln\n"));
        assertTrue(edges.contains("\nmain.main -> go.itab.*os.File,io.Writer\n"));
        assertTrue(edges.contains("\nruntime.main_main·f -> main.main\n"));
    }

    @Test
    void methodsAreKeptOnlyWhenAnInterfaceCallCanReachThem() {
        // os.Stdout goes into an io.Writer: Write is called through it.
        assertTrue(reachable("os.(*File).Write", 1));
        // Nothing calls Chmod, directly, through an interface or by reflection.
        assertFalse(reachable("os.(*File).Chmod", 1));
        assertFalse(reachable("fmt.(*pp).Flag", 1));
    }

    @Test
    void typesConvertedToInterfacesAreMarked() {
        int t = ldr.lookup("type.*os.File", 0);
        assertTrue(ldr.attrReachable(t) && ldr.attrUsedInIface(t));
        assertTrue(edges.contains("type.*os.File <UsedInIface> -> type..namedata.Chdir.\n")
                || edges.contains("type.*os.File -> type..namedata.Chdir.\n"), "method names of converted types are kept");
    }

    @Test
    void unnamedSymbolsAreNotPrinted() {
        String[] lines = edges.split("\n");
        assertTrue(lines.length > 8000);
        for (String l : lines) {
            assertFalse(l.endsWith(" -> "), "an edge to an unnamed symbol: " + l);
        }
    }
}
