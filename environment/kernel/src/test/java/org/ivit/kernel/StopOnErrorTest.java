package org.ivit.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class StopOnErrorTest {

    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final StopOnError policy = new StopOnError(now::get, 1_000 * MS);

    /** Requests waiting on the shell socket. */
    private final AtomicInteger queue = new AtomicInteger();

    private final BooleanSupplier waiting = () -> queue.get() > 0;

    /** The kernel takes up the next queued request: true if it is aborted. */
    private boolean takeNext() {
        queue.decrementAndGet();
        now.addAndGet(2 * MS);
        return policy.abortNext(waiting);
    }

    @Test
    void requestsQueuedBehindAFailureAreAbortedUntilTheQueueDrains() {
        queue.set(4); // Run All: the failing cell and three more wait
        assertFalse(takeNext());
        policy.finished(true, true, waiting);
        for (int i = 0; i < 3; i++) {
            assertTrue(takeNext(), "queued request " + i);
        }
        // The user reads the error, fixes the cell and runs it: that one runs.
        now.addAndGet(5_000 * MS);
        queue.set(1);
        assertFalse(takeNext());
        policy.finished(false, true, waiting);
    }

    @Test
    void aRequestSentRightAfterTheErrorReplyRuns() {
        queue.set(1);
        assertFalse(takeNext());
        policy.finished(true, true, waiting); // nothing was queued behind it
        queue.set(1); // a client that sends the next cell 1 ms after the error reply
        assertFalse(takeNext());
    }

    @Test
    void aLongQueueDrainsCompletely() {
        queue.set(51);
        assertFalse(takeNext());
        policy.finished(true, true, waiting);
        for (int i = 0; i < 50; i++) {
            assertTrue(takeNext(), "queued request " + i);
        }
        queue.set(1);
        assertFalse(takeNext());
    }

    @Test
    void abortingEndsAfterTheWindowIfTheQueueHeldSomethingElse() {
        queue.set(2); // the failing cell and, say, a completion request
        assertFalse(takeNext());
        policy.finished(true, true, waiting);
        queue.decrementAndGet(); // the completion request is answered
        now.addAndGet(5_000 * MS);
        queue.set(1);
        assertFalse(takeNext());
    }

    @Test
    void stopOnErrorFalseLetsTheNextCellsRun() {
        queue.set(3);
        assertFalse(takeNext());
        policy.finished(true, false, waiting);
        assertFalse(takeNext());
    }

    @Test
    void aSuccessfulCellDoesNotAbortAnything() {
        queue.set(3);
        assertFalse(takeNext());
        policy.finished(false, true, waiting);
        assertFalse(takeNext());
    }
}
