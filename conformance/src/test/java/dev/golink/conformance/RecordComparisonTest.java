package dev.golink.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness must find and name every kind of damage done to a reference file. */
class RecordComparisonTest {

    private static final Map<String, byte[]> FILES = new HashMap<>();
    private static final Map<String, Record> RECORDS = new HashMap<>();

    @BeforeAll
    static void load() throws Exception {
        GoldenCorpus corpus = GoldenCorpus.locate();
        for (String t : new String[] {"linux/amd64", "linux/mips", "darwin/arm64", "js/wasm"}) {
            GoldenTarget target = GoldenTarget.parse(t);
            FILES.put(t, corpus.references(target).get("hello.default.out"));
            RECORDS.put(t, corpus.records(target).get("hello.default.record"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux/amd64", "linux/mips", "darwin/arm64", "js/wasm"})
    void theReferenceItselfIsIdentical(String target) {
        assertNull(RecordComparison.compare(RECORDS.get(target), FILES.get(target), FILES.get(target)));
        assertNull(RecordComparison.compare(RECORDS.get(target), FILES.get(target), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux/amd64", "linux/mips", "darwin/arm64", "js/wasm"})
    void aFlippedByteIsLocalisedToItsSectionAndSymbol(String target) {
        Record record = RECORDS.get(target);
        Record.Entry main = record.symbols().stream().filter(s -> s.name().equals("main.main")).findFirst().orElseThrow();
        long offset = main.offset() + main.size() / 2;
        byte[] damaged = FILES.get(target).clone();
        damaged[(int) offset] ^= 0x40;
        String section = record.sectionAt(offset).name();
        assertTrue(section.equals(".text") || section.equals("__TEXT,__text") || section.equals("code"), section);

        Difference exact = RecordComparison.compare(record, damaged, FILES.get(target));
        assertNotNull(exact);
        assertTrue(exact.exact());
        assertEquals(offset, exact.offset());
        assertEquals(section, exact.section());
        assertEquals("main.main", exact.symbol());

        Difference fromRecord = RecordComparison.compare(record, damaged, null);
        assertNotNull(fromRecord);
        assertEquals(section, fromRecord.section());
        assertEquals("main.main", fromRecord.symbol());
        assertTrue(fromRecord.offset() <= offset && offset < fromRecord.offsetEnd(), fromRecord.summary());
        assertTrue(fromRecord.offsetEnd() - fromRecord.offset() <= main.size(), "range narrowed to the symbol");
        assertTrue(fromRecord.findings().stream().anyMatch(f -> f.contains("symbol main.main: bytes differ")),
                fromRecord.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux/amd64", "darwin/arm64", "js/wasm"})
    void aTruncatedFileIsReported(String target) {
        Record record = RECORDS.get(target);
        byte[] full = FILES.get(target);
        Record.Entry data = record.sections().stream().filter(s -> s.hasBytes() && s.size() > 1000)
                .reduce((a, b) -> b).orElseThrow();
        int cut = (int) (data.offset() + 100);
        Difference d = RecordComparison.compare(record, Arrays.copyOf(full, cut), full);
        assertNotNull(d);
        assertEquals(cut, d.offset());
        assertEquals(data.name(), d.section());
        assertTrue(d.findings().get(0).contains("file size: expected " + full.length + ", golink wrote " + cut), d.toString());
        assertNotNull(RecordComparison.compare(record, Arrays.copyOf(full, cut), null));
    }

    @Test
    void aMissingSectionIsNamed() {
        Record record = RECORDS.get("linux/amd64");
        byte[] damaged = FILES.get("linux/amd64").clone();
        Record.Entry shstrtab = record.sections().stream().filter(s -> s.name().equals(".shstrtab")).findFirst().orElseThrow();
        int at = indexOf(damaged, (int) shstrtab.offset(), ".noptrdata\0".getBytes(StandardCharsets.US_ASCII));
        damaged[at + ".noptrdat".length()] = 'X';
        Difference d = RecordComparison.compare(record, damaged, null);
        assertNotNull(d);
        assertEquals(".shstrtab", d.section());
        assertTrue(d.findings().stream().anyMatch(f -> f.matches("section #\\d+: expected \\.noptrdata, found \\.noptrdatX"
                + " \\(\\.noptrdata is missing from golink's output\\)")), d.toString());
    }

    @Test
    void reorderedSymbolsAreNamed() {
        Record record = RECORDS.get("linux/amd64");
        byte[] damaged = FILES.get("linux/amd64").clone();
        Record.Entry symtab = record.sections().stream().filter(s -> s.name().equals(".symtab")).findFirst().orElseThrow();
        int k = 200; // swap the 200th and 201st symbol entries (24 bytes each; entry 0 is the null symbol)
        int a = (int) symtab.offset() + 24 * k, b = a + 24;
        byte[] tmp = Arrays.copyOfRange(damaged, a, a + 24);
        System.arraycopy(damaged, b, damaged, a, 24);
        System.arraycopy(tmp, 0, damaged, b, 24);
        String first = record.symbols().get(k - 1).name(), second = record.symbols().get(k).name();
        Difference d = RecordComparison.compare(record, damaged, FILES.get("linux/amd64"));
        assertNotNull(d);
        assertEquals(".symtab", d.section());
        assertEquals(a, d.offset());
        assertTrue(d.findings().stream().anyMatch(f -> f.equals("symbol #" + (k - 1) + ": expected " + first + ", found "
                + second + " (order differs: " + first + " is elsewhere)")), d.toString());
    }

    @Test
    void aChangedSectionHeaderIsReported() {
        Record record = RECORDS.get("linux/amd64");
        byte[] damaged = FILES.get("linux/amd64").clone();
        ByteBuffer b = ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(40);
        int text = (int) shoff + 64; // section 1 is .text; its sh_addralign is at +48
        b.putLong(text + 48, 64);
        Difference d = RecordComparison.compare(record, damaged, FILES.get("linux/amd64"));
        assertNotNull(d);
        assertNull(d.section(), "the section header table lies outside every section");
        assertEquals(text + 48, d.offset());
        assertFalse(d.findings().isEmpty());
    }

    @Test
    void garbageIsReportedAsUnreadable() {
        Record record = RECORDS.get("linux/amd64");
        Difference d = RecordComparison.compare(record, "not an executable".getBytes(StandardCharsets.US_ASCII), null);
        assertNotNull(d);
        assertEquals(0, d.offset());
        assertTrue(d.findings().stream().anyMatch(f -> f.startsWith("golink's output cannot be read")), d.toString());
    }

    private static int indexOf(byte[] data, int from, byte[] needle) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
