package dev.golink.arch;

import dev.golink.Target;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each backend's ArchInfo against cmd/link's hello for its target: ELF class,
 * byte order, e_machine, e_flags, the alignment of compressed DWARF sections
 * (sys.Arch.Alignment), the function alignment every function address obeys,
 * and where text starts.
 */
class ArchFactsTest {

    @TempDir
    static Path work;

    @ParameterizedTest
    @ValueSource(strings = {"amd64", "386", "arm", "arm64", "mips", "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "riscv64", "loong64", "s390x"})
    void factsMatchCmdLinksOutput(String goarch) throws Exception {
        Target target = new Target("linux", goarch);
        TargetSpec spec = Arches.spec(target);
        ArchInfo info = spec.backend(dev.golink.BuildConfig.fromEnvironment(
                java.util.Map.of("GOOS", "linux", "GOARCH", goarch))).info();
        assertEquals(goarch, info.goarch());
        assertEquals(TargetSpec.Container.ELF, spec.container());
        byte[] out = Files.readAllBytes(RelocOracle.unpack(target, "reference.tar.xz", work).resolve("hello.default.out"));
        ByteBuffer b = ByteBuffer.wrap(out);
        assertEquals(info.elf64() ? 2 : 1, out[4], "ELF class");
        assertEquals(info.bigEndian() ? 2 : 1, out[5], "ELF data");
        b.order(info.order());
        assertEquals(info.elfMachine(), b.getShort(18) & 0xffff, "e_machine");
        boolean e64 = info.elf64();
        assertEquals(info.elfFlags(), b.getInt(e64 ? 48 : 36), "e_flags");
        assertEquals(info.elf64() ? ".rela" : ".rel", info.elfRelType(), "64-bit ELF targets use .rela");

        long shoff = e64 ? b.getLong(40) : b.getInt(32) & 0xffffffffL;
        int shentsize = b.getShort(e64 ? 58 : 46) & 0xffff;
        int shnum = b.getShort(e64 ? 60 : 48) & 0xffff;
        int compressed = 0;
        for (int i = 0; i < shnum; i++) {
            int at = (int) (shoff + (long) i * shentsize);
            long flags = e64 ? b.getLong(at + 8) : b.getInt(at + 8) & 0xffffffffL;
            long align = e64 ? b.getLong(at + 48) : b.getInt(at + 32) & 0xffffffffL;
            if ((flags & 0x800) != 0) { // SHF_COMPRESSED: cmd/link aligns these to sys.Arch.Alignment
                compressed++;
                assertEquals(info.alignment(), align, "alignment of compressed section " + i);
            }
        }
        assertTrue(compressed > 0, "no compressed DWARF section found");

        Path records = RelocOracle.unpack(target, "records.tar.xz", work);
        List<String> lines = Files.readAllLines(records.resolve("hello.default.record"), StandardCharsets.UTF_8);
        int funcs = 0;
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f[0].equals("symbol") && f[5].startsWith("18/") && Long.parseLong(f[3]) > 0) { // a global STT_FUNC
                funcs++;
                long value = Long.decode(f[2]);
                assertEquals(0, value % info.funcAlign(), f[1] + " at " + Long.toHexString(value));
            }
            if (f[0].equals("symbol") && f[1].equals("runtime.text")) {
                assertEquals(spec.textAddr(), Long.decode(f[2]), "text start (ELFRESERVE after the base)");
            }
        }
        assertTrue(funcs > 1000, "only " + funcs + " functions in the record");
    }
}
