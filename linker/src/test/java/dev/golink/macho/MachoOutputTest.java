package dev.golink.macho;

import dev.golink.GoldenInputs;
import dev.golink.LinkException;
import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * darwin end to end: hello links to cmd/link's very file (kept whole in
 * golden/ for the default and -s -w variants), through the mapping and on the
 * heap alike. darwin/arm64 covers PIE (rebase and bind opcodes, __DATA_CONST)
 * and the code signature, darwin/amd64 the LC_UNIXTHREAD header; both the
 * libSystem stubs, the symbol table and compressed __DWARF.
 */
class MachoOutputTest {

    @TempDir
    static Path work;

    private static Path reference(Target t) throws Exception {
        Path archive = GoldenInputs.targetsDir().resolve(t.fileName()).resolve("reference.tar.xz");
        assumeTrue(Files.isRegularFile(archive), "no golden reference at " + archive);
        Path out = work.resolve("ref-" + t.fileName());
        if (!Files.isDirectory(out)) {
            Files.createDirectories(out);
            Process p = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", out.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assumeTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "cannot unpack " + archive);
        }
        return out;
    }

    private static void link(Path inputs, Path out, String... extra) throws Exception {
        List<String> args = new ArrayList<>(GoldenInputs.linkArgs(inputs, "hello"));
        String main = args.remove(args.size() - 1);
        args.addAll(List.of(extra));
        args.addAll(List.of("-o", out.toString(), main));
        LinkOptions o = CommandLine.parse(args, GoldenInputs.env(inputs), inputs).options();
        try {
            new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).link(o);
        } catch (LinkException e) {
            throw new AssertionError("link failed: " + e.getMessage(), e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"darwin/amd64", "darwin/arm64"})
    void helloIsCmdLinksFile(String target) throws Exception {
        String[] parts = target.split("/");
        Target t = new Target(parts[0], parts[1]);
        Path inputs = GoldenInputs.unpack(t, work);
        Path ref = reference(t);

        Path sw = work.resolve(t.fileName() + ".sw");
        link(inputs, sw, "-s", "-w");
        assertSameFile(Files.readAllBytes(ref.resolve("hello.sw.out")), Files.readAllBytes(sw), target + " -s -w");

        Path heap = work.resolve(t.fileName() + ".sw.heap");
        link(inputs, heap, "-s", "-w", "-mmap=false");
        assertArrayEquals(Files.readAllBytes(sw), Files.readAllBytes(heap), target + ": -mmap=false changed the output");

        Path def = work.resolve(t.fileName() + ".default");
        link(inputs, def);
        assertSameFile(Files.readAllBytes(ref.resolve("hello.default.out")), Files.readAllBytes(def), target);
    }

    /** Like assertArrayEquals, but names the first differing offset. */
    private static void assertSameFile(byte[] want, byte[] got, String what) {
        int n = Math.min(want.length, got.length);
        for (int i = 0; i < n; i++) {
            if (want[i] != got[i]) {
                throw new AssertionError(what + ": first difference at offset 0x" + Integer.toHexString(i)
                        + " (want " + (want[i] & 0xff) + ", got " + (got[i] & 0xff) + ")");
            }
        }
        assertEquals(want.length, got.length, what + ": file size");
    }
}
