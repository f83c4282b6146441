package dev.golink.goobj;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.golink.FuzzContract;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The archive reader on any bytes: members listed, each object's header line
 * and object header read. Seeded with hello's main package archive for
 * linux/amd64 from golden/ ({@code GoArchiveFuzzTestInputs/}); fuzz it with
 * {@code JAZZER_FUZZ=1} (linker/README.md).
 */
class GoArchiveFuzzTest {

    private static final String WANT = PackageObject.expectedHeader("linux", "amd64", dev.golink.Experiments.baseline("amd64"), "go1.19.8");

    @FuzzTest(maxDuration = "10m")
    void anyBytesAreReadOrRefusedInWords(byte[] data) {
        try {
            GoArchive ar = GoArchive.fromBytes(Path.of("fuzz.a"), ByteBuffer.wrap(data));
            for (GoArchive.Member m : ar.members()) {
                ByteBuffer b = ar.slice(m);
                if (!m.name().equals("__.PKGDEF")) {
                    PackageObject.read(b, "fuzz.a(" + m.name() + ")", WANT);
                }
            }
        } catch (Throwable t) {
            FuzzContract.check(t);
        }
    }
}
