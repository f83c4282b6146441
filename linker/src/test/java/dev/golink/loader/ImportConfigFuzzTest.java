package dev.golink.loader;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.golink.FuzzContract;

import java.nio.file.Path;

/**
 * The importcfg parser on any bytes. Seeded with hello's importcfg for
 * linux/amd64 from golden/ ({@code ImportConfigFuzzTestInputs/}); fuzz it
 * with {@code JAZZER_FUZZ=1}.
 */
class ImportConfigFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyConfigurationIsReadOrRefusedInWords(byte[] data) {
        try {
            ImportConfig cfg = ImportConfig.parse(data, Path.of("importcfg"));
            cfg.packageFile("runtime");
            cfg.modinfo();
        } catch (Throwable t) {
            FuzzContract.check(t);
        }
    }
}
