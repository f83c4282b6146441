package dev.golink.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged inputs never show Java to the user: 50 mutations (fixed seed) of
 * hello's main and fmt archives for linux/amd64, each linked in process. Every
 * one must link or be refused with a message; none may print a Java class
 * name or stack trace, let an exception escape, or fail to end.
 * {@link Mutations#main} runs more, and compares with cmd/link.
 */
class MutationTest {

    @TempDir
    Path dir;

    @Test
    void dataLongerThanItsSymbolIsAPhaseError() throws Exception {
        // These flips make main.main's data longer than its size: cmd/link's writeBlock check
        // (cmd/link itself panics earlier on this object, reading past a string).
        GoldenCorpus.locate().unpackInputs(GoldenTarget.parse("linux/amd64"), dir);
        Mutations m = new Mutations(dir, "hello", false, 120_000);
        try {
            Mutations.Result r = m.link("pkg/8d0f0a215a759f5c.a", "0x8b5^0x7c,0x1099^0x37,0xe88^0x90,0x18cd^0xbb");
            assertEquals(Mutations.Outcome.REFUSED, r.outcome(), r.message());
            assertEquals("main.main: phase error: addr=0x37481027 value+size=0x481027\n", r.message());
        } finally {
            m.close();
        }
    }

    @Test
    void campaignDivergencesNowRefusedInCmdLinksWords() throws Exception {
        // From the whole-link campaign (README): cmd/link refused these, golink linked or said otherwise.
        GoldenCorpus.locate().unpackInputs(GoldenTarget.parse("linux/amd64"), dir);
        Mutations m = new Mutations(dir, "hello", false, 120_000);
        try {
            // A content-hashed symbol's ABI: cmd/link's SymVersion is a log.Fatalf.
            Mutations.Result abi = m.link("pkg/9ab993044ab33af8.a", "0x1ecd9^0xab");
            assertEquals(Mutations.Outcome.REFUSED, abi.outcome(), abi.message());
            assertTrue(abi.message().matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d invalid symbol ABI: 65364\n"),
                    abi.message());
            // A nameless symbol is "sym N"; a relocation type Go has no name for is RelocType(N).
            Mutations.Result reloc = m.link("pkg/9ab993044ab33af8.a", "0x5dcae^0x58,0x32a36^0xf8,0x53204^0x4d,"
                    + "0x4a754^0xb3,0x81e2c^0xb7,0x9b95e^0x49,0x3e1ec^0x7b,0x83d14^0xe6");
            assertEquals("sym 322: unknown reloc to fmt.(*pp).Write: 178 (RelocType(178))\n", reloc.message());
        } finally {
            m.close();
        }
    }

    @Test
    void damagedInputsAreRefusedWithMessages() throws Exception {
        GoldenCorpus.locate().unpackInputs(GoldenTarget.parse("linux/amd64"), dir);
        Mutations m = new Mutations(dir, "hello", false, 120_000);
        List<Mutations.Result> results;
        try {
            results = m.run(50, 20261202L);
        } finally {
            m.close();
        }
        String bad = results.stream()
                .filter(r -> r.outcome() == Mutations.Outcome.LEAKED || r.outcome() == Mutations.Outcome.TIMEOUT)
                .map(r -> r.index() + " " + r.file() + " " + r.flips() + " " + r.outcome() + ": " + r.message())
                .collect(Collectors.joining("\n"));
        assertEquals("", bad, "mutations that showed Java or did not end");
        assertTrue(Mutations.count(results).getOrDefault(Mutations.Outcome.REFUSED, 0) > 0, "no mutation was refused");
    }
}
