package dev.golink.conformance;

import dev.golink.Target;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The golden/ folder: the corpus' link inputs and cmd/link's records for every
 * target, as golden/regenerate.sh writes them (golden/README.md describes the layout).
 */
public final class GoldenCorpus {

    private final Path root;

    public GoldenCorpus(Path root) {
        this.root = root;
    }

    /**
     * The golden/ folder named by the system property {@code golink.golden}, else the
     * first {@code golden/} found from the working directory upwards.
     */
    public static GoldenCorpus locate() {
        String property = System.getProperty("golink.golden");
        if (property != null) {
            return new GoldenCorpus(Path.of(property).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("golden/variants.txt"))) {
                return new GoldenCorpus(dir.resolve("golden"));
            }
        }
        throw new IllegalStateException("no golden/ folder found from " + Path.of("").toAbsolutePath()
                + " upwards; set -Dgolink.golden=PATH");
    }

    public Path root() {
        return root;
    }

    /**
     * The targets that have golden data: each supported target in {@link Target#SUPPORTED}
     * order, followed by its variants in name order.
     */
    public List<GoldenTarget> targets() {
        List<GoldenTarget> targets = new ArrayList<>();
        for (Target t : Target.SUPPORTED) {
            GoldenTarget base = GoldenTarget.of(t);
            if (Files.isDirectory(targetDir(base))) {
                targets.add(base);
            }
            String prefix = t.fileName() + "@";
            try (var dirs = Files.list(root.resolve("targets"))) {
                dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted()
                        .forEach(n -> targets.add(new GoldenTarget(t, n.substring(prefix.length()))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return targets;
    }

    /** Variant name to the flags it adds, from golden/variants.txt, in file order. */
    public Map<String, List<String>> variants() {
        Map<String, List<String>> variants = new LinkedHashMap<>();
        for (String line : readLines(root.resolve("variants.txt"))) {
            String[] words = line.trim().split("\\s+");
            if (!words[0].isEmpty()) {
                variants.put(words[0], List.of(words).subList(1, words.length));
            }
        }
        return variants;
    }

    public Path targetDir(GoldenTarget target) {
        return root.resolve("targets").resolve(target.fileName());
    }

    /** As {@link #unpackInputs(GoldenTarget, Path)} for a target with the reference toolchain's defaults. */
    public List<String> unpackInputs(Target target, Path dir) throws IOException {
        return unpackInputs(GoldenTarget.of(target), dir);
    }

    /** As {@link #records(GoldenTarget)} for a target with the reference toolchain's defaults. */
    public Map<String, Record> records(Target target) throws IOException {
        return records(GoldenTarget.of(target));
    }

    /** As {@link #references(GoldenTarget)} for a target with the reference toolchain's defaults. */
    public Map<String, byte[]> references(Target target) throws IOException {
        return references(GoldenTarget.of(target));
    }

    /** Extracts the target's link inputs into {@code dir}; returns the programs found there. */
    public List<String> unpackInputs(GoldenTarget target, Path dir) throws IOException {
        Map<String, byte[]> ignored = new TreeMap<>();
        extract(targetDir(target).resolve("inputs.tar.xz"), dir, ignored);
        List<String> programs = new ArrayList<>();
        try (var stream = Files.list(dir)) {
            stream.filter(p -> Files.isRegularFile(p.resolve("link.args")))
                    .map(p -> p.getFileName().toString()).sorted().forEach(programs::add);
        }
        return programs;
    }

    /**
     * Extracts the target's error-parity cases (errors.tar.xz: programs cmd/link refuses)
     * into {@code dir}, over its unpacked inputs; returns the cases found, or none when
     * the target has no errors.tar.xz.
     */
    public List<String> unpackErrors(GoldenTarget target, Path dir) throws IOException {
        Path tar = targetDir(target).resolve("errors.tar.xz");
        if (!Files.exists(tar)) {
            return List.of();
        }
        Map<String, byte[]> ignored = new TreeMap<>();
        extract(tar, dir, ignored);
        List<String> cases = new ArrayList<>();
        try (var stream = Files.list(dir)) {
            stream.filter(p -> Files.isRegularFile(p.resolve("status")))
                    .map(p -> p.getFileName().toString()).sorted().forEach(cases::add);
        }
        return cases;
    }

    /** The records of cmd/link's outputs: file name ({@code <program>.<variant>.record}) to its lines. */
    public Map<String, Record> records(GoldenTarget target) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        extract(targetDir(target).resolve("records.tar.xz"), null, files);
        Map<String, Record> records = new TreeMap<>();
        files.forEach((name, bytes) -> {
            if (name.endsWith(".record")) {
                records.put(name, Record.parse(new String(bytes, StandardCharsets.UTF_8)));
            }
        });
        return records;
    }

    /** What cmd/link -dumpdep printed: file name ({@code <program>.dumpdep}) to bytes. */
    public Map<String, byte[]> dumpdeps(GoldenTarget target) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        extract(targetDir(target).resolve("records.tar.xz"), null, files);
        files.keySet().removeIf(name -> !name.endsWith(".dumpdep"));
        return files;
    }

    /** The reference outputs kept whole: file name ({@code <program>.<variant>.out}) to bytes. */
    public Map<String, byte[]> references(GoldenTarget target) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        Path tar = targetDir(target).resolve("reference.tar.xz");
        if (Files.exists(tar)) {
            extract(tar, null, files);
        }
        return files;
    }

    /**
     * Reads a tar.xz: regular files go to {@code dir} when it is given, else into
     * {@code contents} by their path inside the archive.
     */
    private static void extract(Path tarXz, Path dir, Map<String, byte[]> contents) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tarXz));
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                if (dir == null) {
                    contents.put(name, tar.readAllBytes());
                    continue;
                }
                Path target = dir.resolve(name).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException(tarXz + ": entry " + entry.getName() + " points outside the folder");
                }
                Files.createDirectories(target.getParent());
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
