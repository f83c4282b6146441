package dev.golink.loader;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HashIntMapTest {

    @Test
    void agreesWithHashMapThroughGrowth() {
        HashIntMap m = new HashIntMap(4);
        Map<String, Integer> want = new HashMap<>();
        Random rnd = new Random(7);
        for (int i = 1; i <= 50000; i++) {
            // Short-symbol hashes are their bytes: many keys differ in a few low bits only.
            long lo = rnd.nextBoolean() ? rnd.nextInt(1 << 12) : rnd.nextLong();
            long hi = rnd.nextInt(3);
            if (m.get(lo, hi) == 0) {
                m.putNew(lo, hi, i);
                want.put(lo + "/" + hi, i);
            }
        }
        want.forEach((k, v) -> {
            String[] p = k.split("/");
            assertEquals(v, m.get(Long.parseLong(p[0]), Long.parseLong(p[1])), k);
        });
        assertEquals(0, m.get(-1L, 99));
        assertEquals(want.getOrDefault("0/0", 0), m.get(0, 0));
    }

    @Test
    void refusesNonPositiveValues() {
        assertThrows(IllegalArgumentException.class, () -> new HashIntMap(1).putNew(1, 2, 0));
    }
}
