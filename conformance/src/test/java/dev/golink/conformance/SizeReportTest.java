package dev.golink.conformance;

import dev.golink.LinkException;
import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.arch.Arches;
import dev.golink.arch.TargetSpec;
import dev.golink.cli.CommandLine;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -sizereport} and {@code -map} over the golden corpus: for every case of every target whose
 * container the report covers, the output stays cmd/link's byte for byte, the report's bytes add up to
 * the file's size exactly, and every symbol {@code go tool nm -size} lists has the report's size.
 * {@code -Dgolink.sizereport.targets=linux/amd64,...} narrows the targets.
 */
class SizeReportTest {

    private static final GoldenCorpus CORPUS = GoldenCorpus.locate();

    /** The containers the report attributes: ELF (linux), PE (windows) and Mach-O (darwin). */
    private static boolean attributed(Target t) {
        TargetSpec.Container c = Arches.spec(t).container();
        return c == TargetSpec.Container.ELF || c == TargetSpec.Container.PE || c == TargetSpec.Container.MACHO;
    }

    static Stream<Target> reportTargets() {
        String only = System.getProperty("golink.sizereport.targets", "");
        Set<String> wanted = only.isBlank() ? Set.of() : Set.of(only.split(","));
        // The default targets: an environment variant changes code, not the container's layout.
        return CORPUS.targets().stream().filter(GoldenTarget::isDefault).map(GoldenTarget::target)
                .filter(SizeReportTest::attributed)
                .filter(t -> wanted.isEmpty() || wanted.contains(t.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reportTargets")
    void everyByteHasOneOwnerAndNmAgrees(Target target, @TempDir Path dir) throws Exception {
        List<String> programs = CORPUS.unpackInputs(target, dir);
        Map<String, Record> records = CORPUS.records(target);
        Map<String, byte[]> references = CORPUS.references(target);
        Map<String, String> env = CaseRunner.readEnv(dir.resolve("env"));
        for (String program : programs) {
            List<String> baseArgs = Files.readAllLines(dir.resolve(program).resolve("link.args"), StandardCharsets.UTF_8);
            for (Map.Entry<String, List<String>> v : CORPUS.variants().entrySet()) {
                ConformanceCase c = new ConformanceCase(GoldenTarget.of(target), program, v.getKey(), v.getValue());
                List<String> flags = new ArrayList<>(v.getValue());
                flags.add("-sizereport=report.json");
                flags.add("-map=link.map");
                LinkOptions options = CommandLine.parse(CaseRunner.argsFor(baseArgs, flags), env, dir).options();
                Files.deleteIfExists(options.output());
                new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).link(options);
                byte[] out = Files.readAllBytes(options.output());
                assertNull(RecordComparison.compare(records.get(c.recordName()), out, references.get(c.referenceName())),
                        c.id() + ": with -sizereport and -map the output must stay cmd/link's");

                @SuppressWarnings("unchecked")
                Map<String, Object> report = (Map<String, Object>) MiniJson.parse(
                        Files.readString(dir.resolve("report.json"), StandardCharsets.UTF_8));
                assertEquals("golink-sizereport", report.get("schema"), c.id());
                assertEquals(1L, report.get("version"), c.id());
                assertEquals((long) out.length, report.get("fileSize"), c.id());
                assertEquals((long) out.length, attributed(report), c.id() + ": bytes attributed");
                long totals = 0;
                for (Object t : map(report.get("totals")).values()) {
                    totals += (Long) t;
                }
                assertEquals((long) out.length, totals, c.id() + ": totals");
                long packages = 0;
                for (Object p : list(report.get("packages"))) {
                    packages += (Long) map(p).get("bytes");
                }
                assertTrue(packages <= out.length, c.id() + ": packages");

                String linkMap = Files.readString(dir.resolve("link.map"), StandardCharsets.UTF_8);
                for (Object s : list(report.get("sections"))) {
                    assertTrue(linkMap.contains("  " + map(s).get("name")), c.id() + ": the map lists " + map(s).get("name"));
                }
                if (GoBuild.available() && Arches.spec(target).container() == TargetSpec.Container.ELF) {
                    // For PE and Mach-O, go tool nm takes sizes from the distances between addresses.
                    checkNm(c, options.output(), report);
                }
            }
        }
    }

    /** Every byte the report gives an owner: symbols' contents and shares, DWARF, headers, tables, padding. */
    static long attributed(Map<String, Object> report) {
        long sum = 0;
        for (Object o : list(report.get("symbols"))) {
            Map<String, Object> s = map(o);
            sum += (Long) s.get("fileBytes");
            for (String part : List.of("pclntab", "symtab")) {
                if (s.containsKey(part)) {
                    for (Object n : map(s.get(part)).values()) {
                        sum += (Long) n;
                    }
                }
            }
        }
        for (Object o : list(report.get("dwarf"))) {
            sum += (Long) map(o).get("fileBytes");
        }
        for (Object o : list(report.get("other"))) {
            sum += (Long) map(o).get("bytes");
        }
        return sum;
    }

    /** Each symbol {@code go tool nm -size} lists is in the report with the same size. */
    private static void checkNm(ConformanceCase c, Path file, Map<String, Object> report) throws Exception {
        Process p = new ProcessBuilder(GoBuild.GO.toString(), "tool", "nm", "-size", file.toString())
                .redirectErrorStream(true).start();
        String nm = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (c.variantFlags().contains("-s")) {
            return; // no symbol table: nm has nothing to list
        }
        assertEquals(0, rc, c.id() + ": go tool nm: " + nm);
        Map<String, Set<Long>> sizes = new HashMap<>();
        for (Object o : list(report.get("symbols"))) {
            Map<String, Object> s = map(o);
            Long size = (Long) s.get("size");
            sizes.computeIfAbsent((String) s.get("name"), k -> new HashSet<>()).add(size);
            if (s.containsKey("symtabName")) {
                sizes.computeIfAbsent((String) s.get("symtabName"), k -> new HashSet<>()).add(size);
            }
        }
        List<String> wrong = new ArrayList<>();
        int listed = 0;
        for (String line : nm.split("\n")) {
            String[] f = line.trim().split("\\s+", 4);
            if (f.length < 4 || f[3].equals("go.go")) {
                continue; // the file symbol names no symbol of the link
            }
            listed++;
            long size = Long.parseLong(f[1]);
            Set<Long> known = sizes.get(f[3]);
            if (known == null || !known.contains(size)) {
                wrong.add(f[3] + " " + size + " (report: " + known + ")");
            }
        }
        assertTrue(listed > 100, c.id() + ": nm listed " + listed + " symbols");
        assertTrue(wrong.isEmpty(), c.id() + ": " + wrong.size() + " symbols differ from nm, first "
                + wrong.subList(0, Math.min(10, wrong.size())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherContainers")
    void otherContainersAreRefusedClearly(Target target, @TempDir Path dir) throws Exception {
        List<String> programs = CORPUS.unpackInputs(target, dir);
        Map<String, String> env = CaseRunner.readEnv(dir.resolve("env"));
        List<String> baseArgs = Files.readAllLines(dir.resolve(programs.get(0)).resolve("link.args"), StandardCharsets.UTF_8);
        LinkOptions options = CommandLine.parse(CaseRunner.argsFor(baseArgs, List.of("-map=r.map",
                "-sizereport=r.json")), env, dir).options();
        LinkException e = assertThrows(LinkException.class,
                () -> new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).link(options));
        assertTrue(e.getMessage().startsWith("-sizereport is not supported for " + target), e.getMessage());
        assertFalse(e.getMessage().matches("(?s).*\\b(java|dev)\\.[a-z].*"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("r.json")) || Files.exists(dir.resolve("r.map")));
        assertFalse(Files.exists(options.output()), "a refused link leaves no output");
    }

    static Stream<Target> otherContainers() {
        return CORPUS.targets().stream().filter(GoldenTarget::isDefault).map(GoldenTarget::target)
                .filter(t -> !attributed(t))
                .filter(t -> t.goos().equals("js") || t.goarch().equals("arm64"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}
