package dev.golink.deadcode;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.PriorityQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymHeapTest {

    @Test
    void popsInIncreasingOrderWhilePushing() {
        SymHeap h = new SymHeap();
        PriorityQueue<Integer> ref = new PriorityQueue<>();
        Random r = new Random(42);
        for (int round = 0; round < 20000; round++) {
            if (ref.isEmpty() || r.nextInt(3) != 0) {
                int s = 1 + r.nextInt(100000);
                h.push(s);
                ref.add(s);
            } else {
                assertEquals(ref.poll(), h.pop());
            }
        }
        while (!ref.isEmpty()) {
            assertEquals(ref.poll(), h.pop());
        }
        assertTrue(h.isEmpty());
    }
}
