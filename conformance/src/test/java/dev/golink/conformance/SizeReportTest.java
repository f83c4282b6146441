package dev.golink.conformance;

import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.arch.Arches;
import dev.golink.arch.TargetSpec;
import dev.golink.cli.CommandLine;
import dev.golink.report.SizeReportFile;
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
 * lists agrees with the report (see {@link #checkNm} for what agreeing means per container; go tool
 * nm cannot read WebAssembly).
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
                assertEquals(2L, report.get("version"), c.id());
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
                checkOwners(c, container, out, report);
                if (GoBuild.available() && container != TargetSpec.Container.WASM) {
                    checkNm(c, container, options.output(), report); // go tool nm cannot read wasm
                }
            }
        }
    }

    /**
     * Owners that a sum cannot check, since bytes given to the wrong owner still add up (padding
     * takes what a header does not): data symbols own bytes; no symbol owns fewer than none;
     * functions own pclntab's names, pc-value, file and unit tables; Mach-O's header and load commands are
     * the file's (32 bytes and sizeofcmds, at offset 20); a wasm module with a name section gives
     * its functions their entries in it.
     */
    /** The parts of pclntab made of runs that each serve one function (its name, pc-value tables, files, unit). */
    private static final java.util.Set<String> PCLN_PARTS = java.util.Set.of("runtime.funcnametab", "runtime.pctab",
            "runtime.filetab", "runtime.cutab");

    private static void checkOwners(ConformanceCase c, TargetSpec.Container container, byte[] out,
            Map<String, Object> report) {
        List<SizeReportFile.Symbol> symbols = SizeReportFile.symbols(report);
        assertTrue(symbols.stream().anyMatch(s -> s.section().equals(".noptrdata") && s.fileBytes() > 0),
                c.id() + ": .noptrdata's symbols own bytes");
        for (String column : List.of("funcname", "pctab")) {
            // Each function its own run: not all of them to one.
            assertTrue(rowsWith(report, column) > 1, c.id() + ": functions with a share of " + column);
        }
        for (SizeReportFile.Symbol s : symbols) {
            assertTrue(s.fileBytes() >= 0 && s.bytes() >= 0, c.id() + ": " + s + " owns fewer than no bytes");
            if (PCLN_PARTS.contains(s.name())) {
                // Nearly all of them is their functions' share.
                assertTrue(s.fileBytes() * 100 <= s.size(), c.id() + ": " + s + " kept its functions' bytes");
            }
        }
        if (container == TargetSpec.Container.MACHO) {
            long sizeofcmds = java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(20)
                    & 0xffffffffL;
            boolean found = false;
            for (Object o : list(report.get("other"))) {
                if (map(o).get("name").equals("Mach-O header and load commands")) {
                    assertEquals(32 + sizeofcmds, map(o).get("bytes"), c.id());
                    found = true;
                }
            }
            assertTrue(found, c.id() + ": the Mach-O header is an owner");
        }
        if (container == TargetSpec.Container.WASM) {
            boolean names = list(report.get("sections")).stream().anyMatch(o -> map(o).get("name").equals("name"));
            assertEquals(names, symbols.stream().anyMatch(s -> s.inSymtab()), c.id() + ": the name section's entries");
        }
    }

    /** Every byte the report gives an owner: symbols' contents and shares, DWARF, headers, tables, padding. */
    static long attributed(Map<String, Object> report) {
        long sum = 0;
        for (SizeReportFile.Symbol s : SizeReportFile.symbols(report)) {
            sum += s.bytes();
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
     * Each symbol {@code go tool nm -size} lists is in the report, under the name its symbol-table
     * entry has, with the size nm prints. Where the table gives sizes (ELF's st_size, XCOFF's csect
     * length), that is the report's {@code size}. Where it gives none (Plan 9, PE's COFF records,
     * Mach-O's nlist entries), cmd/internal/objfile infers one: the distance from the symbol's address
     * to the next higher address of any entry in the table, whatever its section, and 0 for the
     * highest; entries at one address all get the distance to the next higher one, and an undefined
     * Mach-O import (value 0) the lowest defined address. That is a fact of the table, not of the
     * symbol, so the expected size is computed by the same rule from the report's addresses of the
     * symbols it says have a table entry ({@code symtab}): this checks that the report knows which
     * symbols are in the table and at which address, which is what these formats record.
     * Names: Mach-O puts '_' before every name and Go's debug/macho takes it off again from names
     * with a '.' in them, so {@code _cmpbody} keeps it; the report's {@code symtabName} leaves it out.
     * XCOFF: nm prints a function label's csect length, which for a label is the csect's symbol
     * number, not a size (cmd/internal/objfile sets the function's size, then overwrites it), so text
     * labels are skipped.
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
        boolean inferred = container == TargetSpec.Container.PLAN9 || container == TargetSpec.Container.PE
                || container == TargetSpec.Container.MACHO;
        List<SizeReportFile.Symbol> symbols = SizeReportFile.symbols(report);
        List<Long> tableAddresses = new ArrayList<>();
        for (SizeReportFile.Symbol s : symbols) {
            if (s.inSymtab()) {
                tableAddresses.add(s.address());
            }
        }
        java.util.Collections.sort(tableAddresses);
        Map<String, Set<Long>> sizes = new HashMap<>();
        for (SizeReportFile.Symbol s : symbols) {
            if (!s.inSymtab()) {
                continue; // nm lists only what the table has
            }
            Long size = inferred ? distanceToNext(tableAddresses, s.address()) : s.size();
            String name = s.symtabName() != null ? s.symtabName() : s.name();
            if (container == TargetSpec.Container.MACHO && !name.contains(".")) {
                name = "_" + name;
            }
            sizes.computeIfAbsent(name, k -> new HashSet<>()).add(size);
        }
        List<String> wrong = new ArrayList<>();
        int listed = 0;
        for (String line : nm.split("\n")) {
            // "%8x %10d %c %s", the address blank for an undefined symbol; a name may hold spaces.
            boolean undefined = line.length() > 8 && line.substring(0, 8).isBlank();
            String[] f = line.trim().split("\\s+", undefined ? 3 : 4);
            int at = undefined ? -1 : 0;
            if (f.length < at + 4 || f[at + 3].equals("go.go")) {
                continue; // the file symbol names no symbol of the link
            }
            String code = f[at + 2];
            String name = f[at + 3];
            if (container == TargetSpec.Container.XCOFF && (code.equals("?") || code.equalsIgnoreCase("T")
                    && !name.startsWith("runtime.text") && !name.startsWith("runtime.etext"))) {
                continue; // a file, DWARF or package csect entry, or a function label (see above)
            }
            listed++;
            long size = Long.parseLong(f[at + 1]);
            Set<Long> known = sizes.get(name);
            if (known == null || !known.contains(size)) {
                wrong.add(name + " " + size + " (report: " + known + ")");
            }
        }
        assertTrue(listed > 100, c.id() + ": nm listed " + listed + " symbols");
        assertTrue(wrong.isEmpty(), c.id() + ": " + wrong.size() + " of " + listed + " symbols differ from nm, first "
                + wrong.subList(0, Math.min(10, wrong.size())));
    }

    /** The distance from {@code address} to the next higher address of {@code sorted}, 0 for the highest (as nm). */
    private static long distanceToNext(List<Long> sorted, long address) {
        int i = java.util.Collections.binarySearch(sorted, address + 1);
        i = i < 0 ? -i - 1 : i;
        return i < sorted.size() ? sorted.get(i) - address : 0;
    }

    /** How many symbols' rows (version 2) have more than 0 in {@code column}. */
    private static long rowsWith(Map<String, Object> report, String column) {
        int k = list(report.get("symbolFields")).indexOf(column);
        return list(report.get("symbols")).stream().map(SizeReportTest::list)
                .filter(row -> row.size() > k && row.get(k) instanceof Long v && v > 0).count();
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
