package dev.golink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reports ({@code -sizereport}'s JSON and page, {@code -map}) appear with the output or not
 * at all: a link that fails once they are made leaves neither them nor the output nor a
 * temporary file, and a link that succeeds leaves exactly the files it was asked for.
 */
class ReportLifecycleTest {

    private static final Target AMD64 = new Target("linux", "amd64");

    @TempDir
    static Path work;

    private static LinkOptions options(Path dir) throws Exception {
        Path inputs = GoldenInputs.unpack(AMD64, work);
        return OutputTest.options(inputs, "hello", dir.resolve("a.out"), "-sizereport=" + dir.resolve("size.json"),
                "-map=" + dir.resolve("link.map"));
    }

    private static Linker linker(Linker.PhaseObserver observer) {
        return new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), observer);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSuccessfulLinkLeavesTheOutputAndTheReports() throws Exception {
        Path dir = Files.createDirectories(work.resolve("ok"));
        Files.writeString(dir.resolve("size.json"), "an older report");
        linker(null).link(options(dir));
        assertEquals(List.of("a.out", "link.map", "size.html", "size.json"), files(dir));
        assertTrue(Files.readString(dir.resolve("size.json")).startsWith("{\n\"schema\":\"golink-sizereport\""));
        assertTrue(Files.readString(dir.resolve("size.html")).startsWith("<!DOCTYPE html>"));
        assertTrue(Files.readString(dir.resolve("link.map")).startsWith("# golink link map of a linux/amd64 elf file of "
                + Files.size(dir.resolve("a.out")) + " bytes\n"));
    }

    @Test
    void anOutputThatCannotBeCommittedLeavesNoReport() throws Exception {
        Path dir = Files.createDirectories(work.resolve("commit-fails"));
        // Once the reports are under way, a directory takes the output's name: the commit's rename fails.
        Path out = dir.resolve("a.out");
        LinkException e = assertThrows(LinkException.class, () -> linker((phase, ctxt) -> {
            if (phase.equals("reports")) {
                try {
                    Files.writeString(Files.createDirectories(out).resolve("in the way"), "");
                } catch (IOException io) {
                    throw new LinkException("test setup: " + io, io);
                }
            }
        }).link(options(dir)));
        assertEquals("cannot write output file " + out + ": is a directory", e.getMessage());
        assertEquals(List.of("a.out"), files(dir), "only the directory that took the output's name");
        assertEquals(List.of("in the way"), files(out));
    }

    @Test
    void aLinkThatFailsAfterTheReportsLeavesNothing() throws Exception {
        Path dir = Files.createDirectories(work.resolve("fails-after"));
        LinkException e = assertThrows(LinkException.class, () -> linker((phase, ctxt) -> {
            if (phase.equals("reports")) {
                throw new LinkException("injected failure after the reports phase");
            }
        }).link(options(dir)));
        assertEquals("injected failure after the reports phase", e.getMessage());
        assertEquals(List.of(), files(dir));
    }

    @Test
    void aReportThatCannotBeWrittenLeavesNothing() throws Exception {
        Path dir = Files.createDirectories(work.resolve("report-fails"));
        // The report's temporary file goes away under the writer, which does not make it again.
        LinkException e = assertThrows(LinkException.class, () -> linker((phase, ctxt) -> {
            if (phase.equals("reports")) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        if (f.getFileName().toString().startsWith(".link.map.")) {
                            Files.delete(f);
                        }
                    }
                } catch (IOException io) {
                    throw new LinkException("test setup: " + io, io);
                }
            }
        }).link(options(dir)));
        assertEquals("cannot write the link map " + dir.resolve("link.map") + ": no such file or directory",
                e.getMessage());
        assertEquals(List.of(), files(dir));
    }

    @Test
    void aReportNamedLikeADirectoryTheOutputOrAnInputFailsAtOnce() throws Exception {
        Path dir = Files.createDirectories(work.resolve("bad-names"));
        Path inputs = GoldenInputs.unpack(AMD64, work);
        Files.createDirectories(dir.resolve("taken.map"));
        LinkException e = assertThrows(LinkException.class, () -> linker(null).link(OutputTest.options(inputs,
                "hello", dir.resolve("a.out"), "-map=" + dir.resolve("taken.map"))));
        assertEquals("cannot write the link map " + dir.resolve("taken.map") + ": is a directory", e.getMessage());
        e = assertThrows(LinkException.class, () -> linker(null).link(OutputTest.options(inputs, "hello",
                dir.resolve("a.out"), "-map=" + dir.resolve("a.out"))));
        assertEquals("cannot write the link map " + dir.resolve("a.out") + ": it is the output of the link",
                e.getMessage());
        e = assertThrows(LinkException.class, () -> linker(null).link(OutputTest.options(inputs, "hello",
                dir.resolve("a.out"), "-map=" + dir.resolve("r.json"), "-sizereport=" + dir.resolve("r.json"))));
        assertTrue(e.getMessage().endsWith("another report of this link is written there"), e.getMessage());
        LinkOptions plain = OutputTest.options(inputs, "hello", dir.resolve("a.out"));
        Path archive = plain.workingDir().resolve(plain.mainArchive());
        byte[] before = Files.readAllBytes(archive);
        e = assertThrows(LinkException.class, () -> linker(null).link(OutputTest.options(inputs, "hello",
                dir.resolve("a.out"), "-map=" + archive)));
        assertEquals("cannot write the link map " + archive + ": it is an input of this link (" + archive + ")",
                e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(archive)), "the input is as it was");
        assertEquals(List.of("taken.map"), files(dir));
        assertFalse(Files.exists(dir.resolve("a.out")));
    }
}
