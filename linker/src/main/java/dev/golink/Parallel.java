package dev.golink;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Work done in parallel that ends whole: a parallel stream gives up at its first
 * failed task while the others still run, so a failed phase could release what
 * they use (the mapped output) under them. Here every task has ended when the
 * call returns or throws; after a failure the tasks not yet started are skipped.
 * The calling thread works too (the common pool has one worker fewer than cores).
 */
public final class Parallel {

    private Parallel() {
    }

    /** Runs {@code work} on every item, in parallel; rethrows the first failure once all have ended. */
    public static <T> void forEach(Collection<T> items, Consumer<? super T> work) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        items.parallelStream().forEach(item -> {
            if (failure.get() != null) {
                return;
            }
            try {
                work.accept(item);
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
        });
        Throwable first = failure.get();
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }
}
