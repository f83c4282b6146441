package dev.golink.dwarf;

import dev.golink.GoldenInputs;
import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * -compressdwarf=false, which the golden records do not cover, against
 * cmd/link itself where it is installed: 32-bit ELF, big-endian ELF with a
 * link register, and Mach-O (where -s keeps DWARF).
 */
class UncompressedDwarfOracleTest {

    @TempDir
    static Path work;

    @ParameterizedTest
    @CsvSource({"linux,386,", "linux,ppc64,", "darwin,arm64,-s"})
    void sameBytesAsCmdLink(String goos, String goarch, String extra) throws Exception {
        assumeTrue(Files.isExecutable(GoldenInputs.GO_LINK), "no cmd/link at " + GoldenInputs.GO_LINK);
        Target target = new Target(goos, goarch);
        Path inputs = GoldenInputs.unpack(target, work);
        List<String> flags = new ArrayList<>(List.of("-compressdwarf=false"));
        if (extra != null && !extra.isEmpty()) {
            flags.add(extra);
        }
        List<String> args = GoldenInputs.linkArgs(inputs, "hello");
        String main = args.get(args.size() - 1);
        List<String> common = new ArrayList<>(args.subList(0, args.size() - 1));
        common.addAll(flags);

        Path want = work.resolve(target.fileName() + ".go.out");
        List<String> cmd = new ArrayList<>();
        cmd.add(GoldenInputs.GO_LINK.toString());
        cmd.addAll(common);
        cmd.addAll(List.of("-o", want.toString(), main));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(inputs.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(GoldenInputs.env(inputs));
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "cmd/link failed: " + log);

        Path got = work.resolve(target.fileName() + ".golink.out");
        List<String> ours = new ArrayList<>(common);
        ours.addAll(List.of("-o", got.toString(), main));
        LinkOptions o = CommandLine.parse(ours, GoldenInputs.env(inputs), inputs).options();
        new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).link(o);

        byte[] a = Files.readAllBytes(want);
        byte[] b = Files.readAllBytes(got);
        int diff = Arrays.mismatch(a, b);
        assertEquals(-1, diff, target + " " + flags + ": first difference at offset " + diff);
    }
}
