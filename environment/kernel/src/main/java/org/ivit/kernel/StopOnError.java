package org.ivit.kernel;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Jupyter's stop-on-error: when a cell fails (or is interrupted) and its request asked for {@code
 * stop_on_error}, the execute requests already queued behind it, as Run All queues them, are
 * answered "aborted" instead of run, until the queue is drained. "Queued" means waiting on the
 * shell socket when the failure (or the previous abort) was answered; a request sent after the
 * client saw the error finds an empty queue and runs, as with Jupyter's own kernels. As a bound,
 * aborting also ends if no request follows within a short window (the queue held something else,
 * say a completion request).
 */
final class StopOnError {

    static final long DEFAULT_WINDOW_NANOS = 1_000_000_000L;

    private final LongSupplier clock;
    private final long windowNanos;
    private boolean aborting;
    private long lastEvent;

    StopOnError() {
        this(System::nanoTime, DEFAULT_WINDOW_NANOS);
    }

    StopOnError(LongSupplier clock, long windowNanos) {
        this.clock = clock;
        this.windowNanos = windowNanos;
    }

    /**
     * Called when an execute request is taken up: true if it must be answered "aborted".
     * requestsWaiting tells whether more requests wait behind this one.
     */
    synchronized boolean abortNext(BooleanSupplier requestsWaiting) {
        if (!aborting) {
            return false;
        }
        long now = clock.getAsLong();
        if (now - lastEvent > windowNanos) {
            aborting = false;
            return false;
        }
        lastEvent = now;
        aborting = requestsWaiting.getAsBoolean(); // the last queued request ends the abort
        return true;
    }

    /** Called after a request ran (not for aborted ones), with whether requests wait behind it. */
    synchronized void finished(
            boolean failed, boolean stopOnError, BooleanSupplier requestsWaiting) {
        aborting = failed && stopOnError && requestsWaiting.getAsBoolean();
        lastEvent = clock.getAsLong();
    }

    synchronized boolean isAborting() {
        return aborting;
    }
}
