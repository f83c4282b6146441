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

    /** The campaign's (seed 13) mutations golink linked and cmd/link refused: cmd/link died on each (a Go panic). */
    private static final List<String> CMDLINK_REFUSED = List.of(
            "M 0xdf3^0xba,0x134b^0x56,0x158f^0xe0,0x1889^0xb0,0xe9b^0x1e,0x155a^0xac,0xde3^0x9b,0x2f9^0xa1",
            "M 0xfc8^0xa9,0xf60^0x51,0x47b^0x89",
            "F 0xbcf25^0x63,0x5a0bd^0x82,0x53443^0xc6,0xb6210^0x48,0x5fec2^0x20,0x182b1^0xe",
            "M 0x18ff^0x73,0x359^0x71,0x1817^0x9,0x189^0x8c,0x107b^0x12,0x1438^0xa8,0x4e1^0x8c",
            "M 0xbfb^0x56",
            "M 0x106a^0xa6,0xf6f^0x7a",
            "F 0xa9d15^0xcc,0x7d9d2^0x72,0x9c3e8^0xa3,0x597bf^0xef,0x31ade^0x17,0xbd43c^0xa2,0x90ab2^0x32",
            "F 0x11a6f^0x8e,0x1fbc0^0x54,0xa18e^0x67,0x2ddce^0x16,0x60ebc^0x4d",
            "F 0x89a04^0x38,0xa7444^0xac,0x85491^0x75,0x31308^0x7,0x6eb6c^0x58",
            "M 0xbcf^0xae,0x8fd^0xa6,0x147f^0x14,0x12dd^0x82,0xe87^0x84,0xc6b^0x3e",
            "M 0x106b^0x1f,0x1401^0xa3,0x3fe^0xef,0x8df^0x68,0x832^0x5d",
            "F 0xa5c0f^0x20,0x780b4^0x7c,0x67781^0x30,0x830cc^0x52,0x27e91^0x5a,0x2e98b^0x5a",
            "F 0x8203e^0x85,0xa6727^0x86,0x59d95^0xc6,0x410c4^0x17,0x324c2^0x6,0xbcc19^0xc5,0x2ceae^0x2e",
            "M 0xb64^0x98,0x453^0xe2,0x880^0x21,0xfdf^0x83,0x14b9^0x38");

    @Test
    void whatCmdLinkDiesOnIsRefused() throws Exception {
        // Each reads what cmd/link reads and golink skipped: an empty name's offset, the first relocation
        // or aux record of a symbol with none, a count below zero, a function without its pc tables.
        GoldenCorpus.locate().unpackInputs(GoldenTarget.parse("linux/amd64"), dir);
        Mutations m = new Mutations(dir, "hello", false, 120_000);
        try {
            StringBuilder linked = new StringBuilder();
            for (String c : CMDLINK_REFUSED) {
                String file = c.startsWith("M") ? "pkg/8d0f0a215a759f5c.a" : "pkg/9ab993044ab33af8.a";
                Mutations.Result r = m.link(file, c.substring(2));
                if (r.outcome() != Mutations.Outcome.REFUSED || !r.message().matches("(?s).*(malformed|corrupt).*")) {
                    linked.append(c).append(": ").append(r.outcome()).append(' ').append(r.message()).append('\n');
                }
            }
            assertEquals("", linked.toString());
        } finally {
            m.close();
        }
    }

    @Test
    void headerDamageAsCmdLinkReportsIt() throws Exception {
        GoldenCorpus.locate().unpackInputs(GoldenTarget.parse("linux/amd64"), dir);
        Mutations m = new Mutations(dir, "hello", false, 120_000);
        try {
            // "go object" damaged: not an object (at the member's offset in the archive), so no package main.
            Mutations.Result r = m.link("pkg/8d0f0a215a759f5c.a", "0x151^0xca");
            assertEquals("pkg/8d0f0a215a759f5c.a(_go_.o): not an object file: @332 \"go ob\\xa0ect linux amd64 go1.19.8"
                    + " X:regabiwrappers,regabiargs\\n\"\ngolink: pkg/8d0f0a215a759f5c.a: not package main\n", r.message());
            // Not even "go o": cmd/link takes it for a host object.
            r = m.link("pkg/8d0f0a215a759f5c.a", "0x14d^0xb6");
            assertEquals("golink: pkg/8d0f0a215a759f5c.a: not package main\n", r.message());
            // A damaged experiment list: reported, and the link goes on to fail with it alone.
            r = m.link("pkg/8d0f0a215a759f5c.a", "0x171^0x5d");
            assertEquals("pkg/8d0f0a215a759f5c.a(_go_.o): linked object header mismatch:\n"
                    + "have \"go object linux amd64 go1.19.8 X:rega?iwrappers,regabiargs\\n\"\n"
                    + "want \"go object linux amd64 go1.19.8 X:regabiwrappers,regabiargs\\n\"\n\n", r.message());
            assertEquals(Mutations.Outcome.REFUSED, r.outcome());
        } finally {
            m.close();
        }
    }

    @Test
    void backslashInAFileNameIsAByte() throws Exception {
        // Campaign #880: "internal/poll" became "internal/\\oll"; filepath.Join on Linux keeps the backslash.
        org.junit.jupiter.api.Assumptions.assumeTrue(GoBuild.available(), "needs Go 1.19.8");
        GoldenCorpus.locate().unpackInputs(GoldenTarget.parse("linux/amd64"), dir);
        Mutations m = new Mutations(dir, "hello", true, 120_000);
        try {
            Mutations.Result r = m.link("pkg/8d0f0a215a759f5c.a", "0x634^0x2c");
            assertEquals(Mutations.Outcome.LINKED_IDENTICAL, r.outcome(), r.message());
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
