package dev.golink.loader;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StringIntMapTest {

    @Test
    void behavesLikeAHashMapThroughGrowth() {
        StringIntMap m = new StringIntMap(4);
        Map<String, Integer> ref = new HashMap<>();
        Random r = new Random(7);
        for (int i = 0; i < 50000; i++) {
            String k = "pkg" + r.nextInt(500) + ".sym" + r.nextInt(100);
            int v = 1 + r.nextInt(1 << 20);
            m.put(k, v);
            ref.put(k, v);
        }
        assertEquals(ref.size(), m.size());
        for (Map.Entry<String, Integer> e : ref.entrySet()) {
            assertEquals(e.getValue(), m.get(e.getKey()));
        }
        assertEquals(0, m.get("absent"));
        assertThrows(IllegalArgumentException.class, () -> m.put("x", 0));
    }
}
