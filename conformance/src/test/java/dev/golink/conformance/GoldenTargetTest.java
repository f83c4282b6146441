package dev.golink.conformance;

import dev.golink.LinkException;
import dev.golink.Target;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a target of the golden corpus and its environment variants are named. */
class GoldenTargetTest {

    @Test
    void aTargetWithTheDefaultsIsNamedAsTheTarget() throws Exception {
        GoldenTarget t = GoldenTarget.parse("linux/arm");
        assertTrue(t.isDefault());
        assertEquals(new Target("linux", "arm"), t.target());
        assertEquals("linux-arm", t.fileName());
        assertEquals("linux/arm", t.toString());
    }

    @Test
    void aVariantAddsItsSetting() throws Exception {
        GoldenTarget t = GoldenTarget.parse("js/wasm@GOWASM=satconv,signext");
        assertFalse(t.isDefault());
        assertEquals(new Target("js", "wasm"), t.target());
        assertEquals("GOWASM=satconv,signext", t.setting());
        assertEquals("js-wasm@GOWASM=satconv,signext", t.fileName());
        assertEquals(t, GoldenTarget.parse(t.toString()));
    }

    @Test
    void aSettingIsVarEqualsValue() {
        LinkException e = assertThrows(LinkException.class, () -> GoldenTarget.parse("linux/arm@7"));
        assertEquals("invalid variant \"linux/arm@7\": expected GOOS/GOARCH@VAR=value, for example linux/arm@GOARM=7",
                e.getMessage());
    }

    @Test
    void everyVariantInTheCorpusBelongsToASupportedTarget() throws IOException {
        GoldenCorpus corpus = GoldenCorpus.locate();
        long variants = corpus.targets().stream().filter(t -> !t.isDefault()).count();
        try (Stream<Path> dirs = Files.list(corpus.root().resolve("targets"))) {
            assertEquals(dirs.filter(d -> d.getFileName().toString().contains("@")).count(), variants,
                    "a variant folder whose target golink does not link");
        }
    }
}
