package org.ivit.platform;

import java.util.function.UnaryOperator;

/**
 * How many threads decode and augment training images, and how many batches DJL prefetches. A GPU
 * consumes batches faster than two threads make them, so the default is every core but the one that
 * drives training (at least 1); {@code IVIT_LOADER_THREADS} overrides. Each prefetched batch is
 * made whole by one thread and sample i's random choices are seeded by (seed, epoch, i), so the
 * batches do not depend on the count.
 */
public record LoaderThreads(int count) {
    public static final String ENV = "IVIT_LOADER_THREADS";

    public LoaderThreads {
        if (count < 1) {
            throw new IllegalArgumentException(ENV + " must be at least 1, not " + count);
        }
    }

    public static LoaderThreads current() {
        return of(System::getenv, Runtime.getRuntime().availableProcessors());
    }

    static LoaderThreads of(UnaryOperator<String> env, int cores) {
        String text = env.apply(ENV);
        if (text != null && !text.isBlank()) {
            try {
                return new LoaderThreads(Integer.parseInt(text.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        ENV + " must be a whole number, not '" + text + "'");
            }
        }
        return new LoaderThreads(Math.max(1, cores - 1));
    }

    /**
     * Batches DJL prefetches: at least one per thread (and DJL's own 2), so no thread waits for
     * work.
     */
    public int prefetch() {
        return Math.max(2, count);
    }
}
