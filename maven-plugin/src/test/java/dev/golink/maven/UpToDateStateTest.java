package dev.golink.maven;

import dev.golink.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The up-to-date record, on the level of the file it keeps. */
class UpToDateStateTest {

    private static final Target AMD64 = new Target("linux", "amd64");
    private static final Target WASM = new Target("js", "wasm");

    @TempDir
    Path dir;

    @Test
    void aRecordedLinkIsUpToDateAfterReloading() throws Exception {
        Path output = Files.writeString(dir.resolve("app-linux-amd64"), "ELF");
        UpToDateState.load(dir).record(AMD64, "f1", output);

        UpToDateState state = UpToDateState.load(dir);
        assertTrue(state.isUpToDate(AMD64, "f1", output));
        assertFalse(state.isUpToDate(AMD64, "f2", output), "another fingerprint");
        assertFalse(state.isUpToDate(WASM, "f1", output), "another target");
    }

    @Test
    void theFileHasOneLinePerTarget() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "a");
        Path w = Files.writeString(dir.resolve("w"), "w");
        UpToDateState state = UpToDateState.load(dir);
        state.record(WASM, "fw", w);
        state.record(AMD64, "fa", a);
        List<String> lines = Files.readAllLines(dir.resolve(UpToDateState.FILE_NAME));
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("#"));
        assertEquals("js-wasm fw " + Fingerprint.sha256(w), lines.get(1));
        assertEquals("linux-amd64 fa " + Fingerprint.sha256(a), lines.get(2));
        assertFalse(Files.exists(dir.resolve(UpToDateState.FILE_NAME + ".tmp")));
    }

    @Test
    void aChangedOrMissingOutputIsNotUpToDate() throws Exception {
        Path output = Files.writeString(dir.resolve("out"), "ELF");
        UpToDateState.load(dir).record(AMD64, "f", output);
        Files.writeString(output, "ELF, patched");
        assertFalse(UpToDateState.load(dir).isUpToDate(AMD64, "f", output));
        Files.delete(output);
        assertFalse(UpToDateState.load(dir).isUpToDate(AMD64, "f", output));
    }

    @Test
    void forgetDropsOneTarget() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "a");
        Path w = Files.writeString(dir.resolve("w"), "w");
        UpToDateState state = UpToDateState.load(dir);
        state.record(AMD64, "fa", a);
        state.record(WASM, "fw", w);
        state.forget(AMD64);
        UpToDateState reloaded = UpToDateState.load(dir);
        assertFalse(reloaded.isUpToDate(AMD64, "fa", a));
        assertTrue(reloaded.isUpToDate(WASM, "fw", w));
    }

    @Test
    void aMissingOrDamagedFileMeansNothingIsUpToDate() throws Exception {
        Path output = Files.writeString(dir.resolve("out"), "ELF");
        assertFalse(UpToDateState.load(dir).isUpToDate(AMD64, "f", output));
        Files.writeString(dir.resolve(UpToDateState.FILE_NAME), "linux-amd64 f\ngarbage\n\0\0\0");
        assertFalse(UpToDateState.load(dir).isUpToDate(AMD64, "f", output));
        assertFalse(UpToDateState.load(dir.resolve("no/such/dir")).isUpToDate(AMD64, "f", output));
    }
}
