package dev.golink.loader;

import dev.golink.GoString;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NameTableTest {

    @Test
    void behavesLikeAHashMapThroughGrowth() {
        NameTable m = new NameTable(4);
        Map<String, Integer> ref = new HashMap<>();
        Random r = new Random(7);
        for (int i = 0; i < 50000; i++) {
            // Lengths from 0 up: names shorter than, equal to and past eight-byte words.
            String k = "p" + r.nextInt(500) + ".s".repeat(r.nextInt(12)) + r.nextInt(100);
            k = k.substring(0, r.nextInt(k.length() + 1));
            int v = 1 + r.nextInt(1 << 20);
            m.put(k, v);
            ref.put(k, v);
        }
        assertEquals(ref.size(), m.size());
        for (Map.Entry<String, Integer> e : ref.entrySet()) {
            assertEquals(e.getValue(), m.get(e.getKey()), e.getKey());
        }
        assertEquals(0, m.get("absent"));
        assertThrows(IllegalArgumentException.class, () -> m.put("x", 0));
    }

    /** Keys over many chunks of bytes, a key longer than a chunk among them, are all found, and only they. */
    @Test
    void keysOverManyChunksAndOneLongerThanAChunk() {
        NameTable m = new NameTable(16);
        String huge = "t".repeat(3 << 19); // 1.5 MiB, past a chunk
        int n = 200_000; // about 4 MiB of keys
        for (int i = 0; i < n; i++) {
            m.put("pkg" + (i % 97) + ".sym" + i, i + 1);
            if (i == n / 2) {
                m.put(huge, n + 1);
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, m.get("pkg" + (i % 97) + ".sym" + i));
        }
        assertEquals(n + 1, m.get(huge));
        assertEquals(0, m.get(huge.substring(1)));
        assertEquals(0, m.get("pkg0.sym" + n));
    }

    /** A name found where it lies in an object's bytes is the name put as a string, and the other way round. */
    @Test
    void bytesInPlaceAndStringsAreOneKey() {
        String[] names = {"", "a", "runtime.main", "type..eq.[8]interface {}", "main.héllo",
                GoString.decode(new byte[] {'x', (byte) 0xff, 'y'}), "abcdefgh", "abcdefghi"};
        byte[] object = new byte[4096];
        NameTable m = new NameTable(4);
        int off = 3; // names at odd offsets, as in an object
        for (int i = 0; i < names.length; i++) {
            byte[] b = GoString.encode(names[i]);
            System.arraycopy(b, 0, object, off, b.length);
            ByteBuffer buf = ByteBuffer.wrap(object).order(ByteOrder.LITTLE_ENDIAN);
            int h = NameTable.hash(buf, off, b.length);
            assertEquals(0, m.get(buf, off, b.length, h), names[i]);
            if (i % 2 == 0) {
                m.put(buf, off, b.length, h, i + 1);
            } else {
                m.put(names[i], i + 1);
            }
            assertEquals(i + 1, m.get(buf, off, b.length, h), names[i]);
            assertEquals(i + 1, m.get(names[i]), names[i]);
            off += b.length + 5;
        }
        assertEquals(names.length, m.size());
    }
}
