package dev.golink.gosort;

import dev.golink.GoldenInputs;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ties must end up where Go 1.19's sort.Sort leaves them: golden/sort-vectors.txt
 * (made by golden/tools/sortvectors) holds the hash of Go's resulting order for
 * each input; the inputs are rebuilt here with the same generator.
 */
class GoSortTest {

    /** Items with keys and ids, sorted by key only; equal keys make the order depend on the algorithm. */
    private static final class Items implements GoSort.Data {
        final int[] key;
        final int[] id;

        Items(int n, int distinct, String shape) {
            key = new int[n];
            id = new int[n];
            long x = n * 31L + distinct;
            for (int i = 0; i < n; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                long k = Long.remainderUnsigned((x >>> 33) & 0xffffffffL, distinct);
                switch (shape) {
                    case "ascending" -> k = (long) i * distinct / n;
                    case "descending" -> k = (long) (n - i) * distinct / n;
                    case "sawtooth" -> k = i % distinct;
                    default -> {
                    }
                }
                key[i] = (int) k;
                id[i] = i;
            }
        }

        @Override
        public int len() {
            return key.length;
        }

        @Override
        public boolean less(int i, int j) {
            return Integer.compareUnsigned(key[i], key[j]) < 0;
        }

        @Override
        public void swap(int i, int j) {
            int k = key[i];
            key[i] = key[j];
            key[j] = k;
            int d = id[i];
            id[i] = id[j];
            id[j] = d;
        }
    }

    @TestFactory
    List<DynamicTest> tiesEndWhereGoLeavesThem() throws Exception {
        Path vectors = GoldenInputs.targetsDir().resolveSibling("sort-vectors.txt");
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(vectors)) {
            String[] f = line.split("\t");
            String[] spec = f[0].split("/");
            tests.add(DynamicTest.dynamicTest(f[0], () -> {
                Items items = new Items(Integer.parseInt(spec[1]), Integer.parseInt(spec[2]), spec[0]);
                GoSort.sort(items);
                for (int i = 1; i < items.len(); i++) {
                    assertTrue(!items.less(i, i - 1), "sorted");
                }
                ByteBuffer b = ByteBuffer.allocate(4 * items.len()).order(ByteOrder.LITTLE_ENDIAN);
                for (int id : items.id) {
                    b.putInt(id);
                }
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
                assertEquals(f[2], hash, "order of equal keys differs from Go's sort.Sort");
            }));
        }
        assertEquals(220, tests.size());
        return tests;
    }

    @Test
    void sortsWithoutTies() {
        Items items = new Items(5000, Integer.MAX_VALUE, "random");
        GoSort.sort(items);
        for (int i = 1; i < items.len(); i++) {
            assertTrue(Integer.compareUnsigned(items.key[i - 1], items.key[i]) <= 0);
        }
    }
}
