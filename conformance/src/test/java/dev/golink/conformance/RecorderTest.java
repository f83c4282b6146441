package dev.golink.conformance;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The Java recorder must write, for cmd/link's own output, exactly the record the
 * Go recorder wrote with Go's debug/elf, debug/macho, debug/pe and debug/plan9obj: otherwise the conformance
 * suite would misplace differences.
 */
class RecorderTest {

    @TestFactory
    List<DynamicTest> javaRecordEqualsGoRecordOnEveryReferenceFile() throws IOException {
        GoldenCorpus corpus = GoldenCorpus.locate();
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenTarget target : corpus.targets()) {
            Map<String, byte[]> references = corpus.references(target);
            Map<String, Record> records = corpus.records(target);
            assertFalse(references.isEmpty(), target + " keeps no reference file");
            references.forEach((name, bytes) -> tests.add(DynamicTest.dynamicTest(target.fileName() + "/" + name, () -> {
                Record expected = records.get(name.replaceFirst("\\.out$", ".record"));
                Record actual = Recorder.record(bytes);
                assertEquals(expected.text(), actual.text());
            })));
        }
        assertEquals(corpus.targets().size() * 2, tests.size(), "two whole reference files per target");
        return tests;
    }
}
