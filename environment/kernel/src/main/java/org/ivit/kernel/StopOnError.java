package org.ivit.kernel;

import java.util.function.LongSupplier;

/**
 * Jupyter's stop-on-error: when a cell fails (or is interrupted) and its request asked for
 * {@code stop_on_error}, the execute requests already queued behind it, as Run All queues
 * them, are answered "aborted" instead of run. Requests that reach the kernel within a short
 * window of the failure or of the last aborted request count as queued; the window is measured
 * from the moment the kernel turns to the next request, so a queue of any length drains, while
 * a cell the user runs after seeing the error runs normally.
 */
final class StopOnError {

    static final long DEFAULT_WINDOW_NANOS = 300_000_000L;

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

    /** Called when an execute request is taken up: true if it must be answered "aborted". */
    synchronized boolean abortNext() {
        if (!aborting) {
            return false;
        }
        long now = clock.getAsLong();
        if (now - lastEvent > windowNanos) {
            aborting = false; // the queue drained: this request was sent after the failure was seen
            return false;
        }
        lastEvent = now;
        return true;
    }

    /** Called after a request ran (not for aborted ones). */
    synchronized void finished(boolean failed, boolean stopOnError) {
        if (failed && stopOnError) {
            aborting = true;
            lastEvent = clock.getAsLong();
        } else {
            aborting = false;
        }
    }

    synchronized boolean isAborting() {
        return aborting;
    }
}
