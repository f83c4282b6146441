package dev.golink.outbuf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A program whose data declares 1.5 GB with one non-zero byte (project issue 11): golink
 * writes the same file as cmd/link, with a heap far smaller than the file, mapped or not.
 * The 1.5 GB outputs are hashed and deleted at once.
 */
class LargeOutputTest {

    private static final Path GOROOT = Path.of("/usr/lib/go-1.19");
    private static final Path TOOLS = GOROOT.resolve("pkg/tool/linux_amd64");
    private static final long BIG = 1500L << 20;

    @Test
    void aLargeMostlyZeroSymbolCostsItsContentNotItsSize(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(TOOLS.resolve("link")) && Files.isExecutable(TOOLS.resolve("compile")),
                "needs Go 1.19 at " + GOROOT);
        assumeTrue(Files.getFileStore(dir).getUsableSpace() > 2 * BIG, "needs 3 GB free for cmd/link's output");
        // Initialized, so the whole array is in .data (in the file), its content one byte.
        Files.writeString(dir.resolve("main.go"), "package main\n\nvar big = [1500 << 20]byte{12345: 7}\n\n"
                + "func main() { println(big[12345]) }\n");
        assertEquals(0, run(dir, List.of(TOOLS.resolve("compile").toString(), "-o", "main.a", "-p", "main",
                "-pack", "main.go")).exit, "compile");

        Result ref = run(dir, List.of(TOOLS.resolve("link").toString(), "-o", "ref", "-buildid=big", "main.a"));
        assertEquals(0, ref.exit, ref.output);
        assertTrue(Files.size(dir.resolve("ref")) > BIG);
        String want = sha256(dir.resolve("ref"));
        Files.delete(dir.resolve("ref"));

        for (String mmap : List.of("-mmap=true", "-mmap=false")) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"), "dev.golink.cli.Main"));
            cmd.addAll(List.of(mmap, "-o", "out", "-buildid=big", "main.a"));
            long t0 = System.nanoTime();
            Result got = run(dir, cmd);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, got.exit, mmap + " in a 64 MB heap: " + got.output);
            try {
                assertEquals(want, sha256(dir.resolve("out")), mmap + ": the bytes are cmd/link's");
            } finally {
                Files.deleteIfExists(dir.resolve("out"));
            }
            System.out.println("LargeOutputTest: golink " + mmap + " linked the 1.5 GB program in " + ms + " ms");
        }
    }

    /**
     * A symbol past cmd/link's 2e9-byte cutoff, which the compiler refuses to write, so its object is
     * edited (the first little-endian copy of its size is its symbol record's): both linkers refuse it
     * with the same message and status, and write nothing.
     */
    @Test
    void aSymbolPastTheCutoffIsRefusedAsCmdLinkRefusesIt(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(TOOLS.resolve("link")) && Files.isExecutable(TOOLS.resolve("compile")),
                "needs Go 1.19 at " + GOROOT);
        long size = 1900L << 20;
        Files.writeString(dir.resolve("main.go"), "package main\n\nvar big [" + size + "]byte\n\n"
                + "func main() { println(big[1]) }\n");
        assertEquals(0, run(dir, List.of(TOOLS.resolve("compile").toString(), "-o", "main.a", "-p", "main",
                "-pack", "main.go")).exit, "compile");
        byte[] object = Files.readAllBytes(dir.resolve("main.a"));
        byte[] le = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt((int) size).array();
        int at = -1;
        for (int i = 0; i + 4 <= object.length && at < 0; i++) {
            if (java.util.Arrays.equals(object, i, i + 4, le, 0, 4)) {
                at = i;
            }
        }
        assertTrue(at >= 0, "the size is in the object");
        java.nio.ByteBuffer.wrap(object, at, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0x8000_0000);
        Files.write(dir.resolve("big.a"), object);

        Result ref = run(dir, List.of(TOOLS.resolve("link").toString(), "-o", "ref", "-buildid=big", "big.a"));
        assertEquals("main.big: symbol too large (2147483648 bytes)\n", ref.output, "cmd/link");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.golink.cli.Main", "-o", "out", "-buildid=big",
                "big.a"));
        Result got = run(dir, cmd);
        assertEquals(ref.output, got.output);
        assertEquals(ref.exit, got.exit);
        assertFalse(Files.exists(dir.resolve("out")), "no output");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GOROOT", GOROOT.toString());
        pb.environment().put("GOOS", "linux");
        pb.environment().put("GOARCH", "amd64");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
