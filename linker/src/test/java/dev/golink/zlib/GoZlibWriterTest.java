package dev.golink.zlib;

import dev.golink.GoldenInputs;
import dev.golink.Target;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * golink's zlib encoder must write the bytes Go's compress/zlib writes at
 * BestSpeed. golden/zlib-vectors.txt holds the SHA-256 of Go's output for each
 * input (golden/tools/zlibvectors makes it); the inputs are rebuilt here.
 */
class GoZlibWriterTest {

    @TempDir
    static Path work;

    /** The same generators as golden/tools/zlibvectors. */
    static byte[] lcg(int n, long seed) {
        byte[] b = new byte[n];
        long x = seed;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            b[i] = (byte) (x >>> 56);
        }
        return b;
    }

    static byte[] text(int n, long seed) {
        String[] words = {"runtime.", "main.", "go.info.", "type.", "func", "(*T).", "String", "0x", "\0", "\0\0\0\0",
            "DW_TAG", "reflect", " ", "\n"};
        StringBuilder sb = new StringBuilder();
        long x = seed;
        while (sb.length() < n) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            sb.append(words[(int) Long.remainderUnsigned(x >>> 33, words.length)]);
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.ISO_8859_1), n);
    }

    private static byte[] input(String name) throws Exception {
        int colon = name.indexOf(':');
        String kind = name.substring(0, colon);
        String arg = name.substring(colon + 1);
        return switch (kind) {
            case "random" -> lcg(Integer.parseInt(arg), Long.parseLong(arg) + 1);
            case "text" -> text(Integer.parseInt(arg), Long.parseLong(arg) + 7);
            case "zeros" -> new byte[Integer.parseInt(arg)];
            default -> Files.readAllBytes(GoldenInputs.unpack(Target.parse(kind.replace('-', '/')), work).resolve(arg));
        };
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static byte[] inflate(byte[] z, int size) throws Exception {
        Inflater inf = new Inflater();
        inf.setInput(z);
        byte[] out = new byte[size];
        int n = 0;
        while (!inf.finished()) {
            n += inf.inflate(out, n, out.length - n);
            if (n == out.length && !inf.finished() && inf.needsInput()) {
                break;
            }
        }
        assertTrue(inf.finished(), "stream ends");
        assertEquals(size, n);
        inf.end();
        return out;
    }

    @TestFactory
    List<DynamicTest> bytesEqualGosOnEveryVector() throws Exception {
        Path vectors = GoldenInputs.targetsDir().resolveSibling("zlib-vectors.txt");
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(vectors)) {
            String[] f = line.split("\t");
            tests.add(DynamicTest.dynamicTest(f[0], () -> {
                byte[] in = input(f[0]);
                assertEquals(Integer.parseInt(f[1]), in.length);
                byte[] z = GoZlibWriter.compress(in);
                assertEquals(f[2], sha256(z), "compressed bytes differ from Go's for " + f[0]);
                assertArrayEquals(in, inflate(z, in.length));
            }));
        }
        assertTrue(tests.size() > 40, "vectors: synthetic inputs and the linux/amd64 archives");
        return tests;
    }

    @Test
    void howInputIsSplitDoesNotMatter() throws Exception {
        byte[] in = text(400_000, 3);
        byte[] whole = GoZlibWriter.compress(in);
        Random r = new Random(5);
        GoZlibWriter w = new GoZlibWriter();
        for (int off = 0; off < in.length; ) {
            int n = Math.min(in.length - off, 1 + r.nextInt(100_000));
            w.write(in, off, n);
            off += n;
        }
        assertArrayEquals(whole, w.finish());
    }

    @Test
    void zerosAsPaddingEqualZerosAsData() {
        GoZlibWriter a = new GoZlibWriter();
        a.write(new byte[] {1, 2, 3}, 0, 3);
        a.writeZeros(200_003);
        byte[] padded = new byte[200_006];
        padded[0] = 1;
        padded[1] = 2;
        padded[2] = 3;
        assertArrayEquals(GoZlibWriter.compress(padded), a.finish());
    }

    @Test
    void roundTripsRandomShapes() throws Exception {
        Random r = new Random(11);
        for (int i = 0; i < 30; i++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int n = r.nextInt(300_000);
            while (b.size() < n) {
                if (r.nextBoolean()) {
                    byte[] chunk = new byte[1 + r.nextInt(500)];
                    r.nextBytes(chunk);
                    b.write(chunk);
                } else {
                    byte[] seen = b.toByteArray();
                    int from = seen.length == 0 ? 0 : r.nextInt(seen.length);
                    b.write(seen, from, Math.min(seen.length - from, 1 + r.nextInt(600)));
                    b.write(r.nextInt(256));
                }
            }
            byte[] in = b.toByteArray();
            assertArrayEquals(in, inflate(GoZlibWriter.compress(in), in.length));
        }
    }

    @Test
    void prefixComesFirstAndChangesNothingElse() {
        byte[] in = text(200_000, 9);
        byte[] prefix = {'Z', 'L', 'I', 'B', 0, 0, 0, 1};
        GoZlibWriter w = new GoZlibWriter(prefix, in.length);
        w.write(in, 0, in.length);
        byte[] z = GoZlibWriter.compress(in);
        byte[] expected = new byte[prefix.length + z.length];
        System.arraycopy(prefix, 0, expected, 0, prefix.length);
        System.arraycopy(z, 0, expected, prefix.length, z.length);
        assertArrayEquals(expected, w.finish());
    }
}
