package dev.golink.macho;

import dev.golink.GoldenInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The signature of cmd/link's own darwin/arm64 outputs, recomputed, must equal the one they carry. */
class CodeSignatureTest {

    private static byte[] reference(Path dir, String name) throws Exception {
        Path tar = GoldenInputs.targetsDir().resolve("darwin-arm64").resolve("reference.tar.xz");
        assumeTrue(Files.isRegularFile(tar), "no golden reference at " + tar);
        Process p = new ProcessBuilder("tar", "-xJf", tar.toString(), "-C", dir.toString(), "./" + name)
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        return Files.readAllBytes(dir.resolve(name));
    }

    /**
     * Finds LC_CODE_SIGNATURE's data offset and size, and the file range of the text
     * segment as cmd/link counts it: from its first section to the end of its last.
     */
    private static long[] locate(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int ncmds = b.getInt(16);
        long[] found = new long[4];
        for (int i = 0, at = 32; i < ncmds; i++) {
            int cmd = b.getInt(at);
            if (cmd == 0x1d) {
                found[0] = Integer.toUnsignedLong(b.getInt(at + 8));
                found[1] = Integer.toUnsignedLong(b.getInt(at + 12));
            } else if (cmd == 0x19 && new String(file, at + 8, 7).equals("__TEXT\0")) {
                int nsects = b.getInt(at + 64);
                int first = at + 72, last = at + 72 + 80 * (nsects - 1);
                found[2] = Integer.toUnsignedLong(b.getInt(first + 48));
                found[3] = Integer.toUnsignedLong(b.getInt(last + 48)) + b.getLong(last + 40) - found[2];
            }
            at += b.getInt(at + 4);
        }
        return found;
    }

    @Test
    void recomputesCmdLinksSignatures(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"hello.default.out", "hello.sw.out"}) {
            byte[] file = reference(dir, name);
            long[] at = locate(file);
            assertTrue(at[0] > 0, name + " has a code signature");
            long size = CodeSignature.size(at[0], CodeSignature.IDENTIFIER);
            assertTrue(size <= at[1]);
            byte[] sig = CodeSignature.sign((pos, dst, off, len) -> System.arraycopy(file, (int) pos, dst, off, len),
                    CodeSignature.IDENTIFIER, at[0], at[2], at[3], true);
            assertArrayEquals(Arrays.copyOfRange(file, (int) at[0], (int) (at[0] + size)), sig, name);
        }
    }

    @Test
    void aChangedPageChangesItsHash(@TempDir Path dir) throws Exception {
        byte[] file = reference(dir, "hello.sw.out");
        long[] at = locate(file);
        byte[] before = CodeSignature.sign((pos, dst, off, len) -> System.arraycopy(file, (int) pos, dst, off, len),
                CodeSignature.IDENTIFIER, at[0], at[2], at[3], true);
        file[5000] ^= 1;
        byte[] after = CodeSignature.sign((pos, dst, off, len) -> System.arraycopy(file, (int) pos, dst, off, len),
                CodeSignature.IDENTIFIER, at[0], at[2], at[3], true);
        assertNotEquals(Arrays.toString(before), Arrays.toString(after));
        int firstHash = (int) (before.length - ((at[0] + 4095) / 4096) * 32);
        assertArrayEquals(Arrays.copyOf(before, firstHash + 32), Arrays.copyOf(after, firstHash + 32),
                "page 0 and the directory are unchanged");
    }
}
