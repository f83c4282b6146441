package dev.golink.loader;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8OrderTest {

    /** Characters from each range whose UTF-16 and UTF-8 orders could disagree. */
    private static final int[] CODE_POINTS = {'a', 'b', 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfffd, 0xffff,
        0x10000, 0x1f600, 0x10ffff};

    @Test
    void ordersAsGoComparesUtf8Bytes() {
        Random rnd = new Random(42);
        for (int n = 0; n < 20000; n++) {
            String x = random(rnd);
            String y = random(rnd);
            int want = Integer.signum(Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
                    y.getBytes(StandardCharsets.UTF_8)));
            assertEquals(want, Integer.signum(Utf8Order.compare(x, y)), () -> x + " vs " + y);
        }
    }

    @Test
    void prefixSortsFirst() {
        assertEquals(-1, Integer.signum(Utf8Order.compare("runtime", "runtime.main")));
        assertEquals(0, Utf8Order.compare("type.int", "type.int"));
    }

    private static String random(Random rnd) {
        StringBuilder sb = new StringBuilder();
        for (int i = rnd.nextInt(4); i >= 0; i--) {
            sb.appendCodePoint(CODE_POINTS[rnd.nextInt(CODE_POINTS.length)]);
        }
        return sb.toString();
    }
}
