package dev.golink;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTest {

    @Test
    void aFailureLeavesOnlyOnceEveryStartedTaskHasEnded() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("boom");
        List<Integer> items = IntStream.range(0, 64).boxed().toList();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Parallel.forEach(items, i -> {
            started.incrementAndGet();
            try {
                if (i == 40) {
                    throw boom;
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ended.incrementAndGet();
            }
        }));
        assertSame(boom, thrown, "the task's own exception, not a wrapper");
        assertEquals(started.get(), ended.get(), "a task still ran after the call threw");
        assertTrue(started.get() <= items.size());
    }

    @Test
    void everyItemRunsWhenNoneFails() {
        AtomicInteger sum = new AtomicInteger();
        Parallel.forEach(IntStream.rangeClosed(1, 100).boxed().toList(), sum::addAndGet);
        assertEquals(5050, sum.get());
    }
}
