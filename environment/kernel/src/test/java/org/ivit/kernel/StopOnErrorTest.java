package org.ivit.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StopOnErrorTest {

    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final StopOnError policy = new StopOnError(now::get, 300 * MS);

    @Test
    void requestsQueuedBehindAFailureAreAbortedUntilTheQueueDrains() {
        assertFalse(policy.abortNext());
        policy.finished(true, true);
        // Run All queued three more cells: they reach the kernel at once, one after the other.
        for (int i = 0; i < 3; i++) {
            now.addAndGet(2 * MS);
            assertTrue(policy.abortNext(), "queued request " + i);
        }
        // The user reads the error, fixes the cell and runs it: that one runs.
        now.addAndGet(5_000 * MS);
        assertFalse(policy.abortNext());
        policy.finished(false, true);
        assertFalse(policy.abortNext());
    }

    @Test
    void aLongQueueDrainsCompletelyAsEachAbortRestartsTheWindow() {
        policy.finished(true, true);
        for (int i = 0; i < 50; i++) {
            now.addAndGet(100 * MS); // 5 s in all, but never 300 ms between two requests
            assertTrue(policy.abortNext(), "queued request " + i);
        }
    }

    @Test
    void stopOnErrorFalseLetsTheNextCellsRun() {
        policy.finished(true, false);
        now.addAndGet(MS);
        assertFalse(policy.abortNext());
    }

    @Test
    void aSuccessfulCellDoesNotAbortAnything() {
        policy.finished(false, true);
        now.addAndGet(MS);
        assertFalse(policy.abortNext());
    }

    @Test
    void anErrorAfterTheQueueDrainedStartsANewAbort() {
        policy.finished(true, true);
        now.addAndGet(10_000 * MS);
        assertFalse(policy.abortNext());
        policy.finished(true, true);
        now.addAndGet(MS);
        assertTrue(policy.abortNext());
    }
}
