package dev.golink.conformance;

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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -sizereport} and {@code -map} over the golden corpus: for every case of every target (every
 * container: ELF, PE, Mach-O, XCOFF, Plan 9, WebAssembly), the output stays cmd/link's byte for byte,
 * the report's bytes add up to the file's size exactly, and every symbol {@code go tool nm -size}
 * lists has the report's size (ELF, XCOFF) or, where nm infers sizes from the distance to the next
 * symbol (Plan 9), the report's addresses give the same distances.
 * {@code -Dgolink.sizereport.targets=linux/amd64,...} narrows the targets.
 */
class SizeReportTest {

    private static final GoldenCorpus CORPUS = GoldenCorpus.locate();

    static Stream<Target> reportTargets() {
        String only = System.getProperty("golink.sizereport.targets", "");
        Set<String> wanted = only.isBlank() ? Set.of() : Set.of(only.split(","));
        // The default targets: an environment variant changes code, not the container's layout.
        return CORPUS.targets().stream().filter(GoldenTarget::isDefault).map(GoldenTarget::target)
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
                TargetSpec.Container container = Arches.spec(target).container();
                if (GoBuild.available() && (container == TargetSpec.Container.ELF
                        || container == TargetSpec.Container.XCOFF || container == TargetSpec.Container.PLAN9)) {
                    // For PE and Mach-O, go tool nm takes sizes from the distances between addresses within a
                    // section and its end, which the report does not model; go tool nm cannot read wasm.
                    checkNm(c, container, options.output(), report);
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
            for (String part : List.of("pclntab", "symtab", "dwarf")) {
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

    /**
     * Each symbol {@code go tool nm -size} lists is in the report with the same size. Plan 9's table
     * has no sizes: nm gives the distance to the next higher address in the table, so the expected
     * size is that distance among the report's symbols that have a table entry. XCOFF: nm prints a
     * function label's csect length, which for a label is the csect's symbol number, not a size
     * (cmd/internal/objfile sets the function's size, then overwrites it), so text labels are skipped.
     */
    private static void checkNm(ConformanceCase c, TargetSpec.Container container, Path file,
            Map<String, Object> report) throws Exception {
        Process p = new ProcessBuilder(GoBuild.GO.toString(), "tool", "nm", "-size", file.toString())
                .redirectErrorStream(true).start();
        String nm = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (c.variantFlags().contains("-s")) {
            return; // no symbol table: nm has nothing to list
        }
        assertEquals(0, rc, c.id() + ": go tool nm: " + nm);
        Map<String, Set<Long>> sizes = new HashMap<>();
        List<Long> tableAddresses = new ArrayList<>();
        for (Object o : list(report.get("symbols"))) {
            if (map(o).containsKey("symtab")) {
                tableAddresses.add((Long) map(o).get("address"));
            }
        }
        java.util.Collections.sort(tableAddresses);
        for (Object o : list(report.get("symbols"))) {
            Map<String, Object> s = map(o);
            Long size = (Long) s.get("size");
            if (container == TargetSpec.Container.PLAN9) {
                if (!s.containsKey("symtab")) {
                    continue;
                }
                size = distanceToNext(tableAddresses, (Long) s.get("address"));
            }
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
            if (container == TargetSpec.Container.XCOFF && (f[2].equals("?") || f[2].equalsIgnoreCase("T")
                    && !f[3].startsWith("runtime.text") && !f[3].startsWith("runtime.etext"))) {
                continue; // a file, DWARF or package csect entry, or a function label (see above)
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

    /** The distance from {@code address} to the next higher address of {@code sorted}, 0 for the highest (as nm). */
    private static long distanceToNext(List<Long> sorted, long address) {
        int i = java.util.Collections.binarySearch(sorted, address + 1);
        i = i < 0 ? -i - 1 : i;
        return i < sorted.size() ? sorted.get(i) - address : 0;
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
