package dev.golink.ld;

import dev.golink.GoldenInputs;
import dev.golink.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The records of cmd/link's outputs (golden/README.md): symbol lines and whole reference files. */
final class GoldenRecords {

    /** One {@code symbol} line: value, size and the SHA-256 of its bytes ("-" for none). */
    record Sym(String name, long value, long size, String sha) {
    }

    private GoldenRecords() {
    }

    static Path unpack(Target target, String archive, Path dir) throws IOException, InterruptedException {
        Path tar = GoldenInputs.targetsDir().resolve(target.fileName()).resolve(archive);
        assumeTrue(Files.isRegularFile(tar), "no " + tar);
        Path out = dir.resolve(target.fileName() + "-" + archive.replace(".tar.xz", ""));
        if (Files.isDirectory(out)) {
            return out;
        }
        Files.createDirectories(out);
        Process p = new ProcessBuilder("tar", "-xJf", tar.toString(), "-C", out.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assumeTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "cannot unpack " + tar);
        return out;
    }

    /** Symbols by name (the first of a name wins). */
    static Map<String, Sym> symbols(Path record) throws IOException {
        Map<String, Sym> syms = new HashMap<>();
        for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
            if (!line.startsWith("symbol\t")) {
                continue;
            }
            String[] f = line.split("\t");
            syms.putIfAbsent(f[1], new Sym(f[1], Long.decode(f[2]), Long.parseLong(f[3]), f[6]));
        }
        return syms;
    }

    /** The {@code section} line of {@code name}: fields after the name. */
    static String[] section(Path record, String name) throws IOException {
        for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f[0].equals("section") && f[2].equals(name)) {
                return f;
            }
        }
        return null;
    }
}
