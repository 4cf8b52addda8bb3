package org.ivit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParentProcessWatchTest {

    @Test
    void aDeadClientIsNoticedWithinSeconds() throws Exception {
        Process client = new ProcessBuilder("sleep", "60").start();
        try {
            long pid =
                    ParentProcessWatch.parentPidFrom(
                                    Map.of("JPY_PARENT_PID", Long.toString(client.pid())))
                            .orElseThrow();
            CountDownLatch gone = new CountDownLatch(1);
            ParentProcessWatch watch =
                    new ParentProcessWatch(pid, Duration.ofMillis(100), gone::countDown);
            assertFalse(watch.parentGone());
            watch.start();
            assertFalse(gone.await(500, TimeUnit.MILLISECONDS), "the client still runs");
            client.destroyForcibly().waitFor();
            assertTrue(
                    gone.await(5, TimeUnit.SECONDS), "the watch did not notice the client's death");
            assertTrue(watch.parentGone());
        } finally {
            client.destroyForcibly();
        }
    }

    @Test
    void aClientThatDiedBeforeTheKernelStartedCountsAsGone() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        assertTrue(
                new ParentProcessWatch(finished.pid(), Duration.ofMillis(100), () -> {})
                        .parentGone());
    }

    @Test
    void onlyAClientPidInTheEnvironmentIsWatched() {
        assertEquals(Optional.empty(), ParentProcessWatch.parentPidFrom(Map.of()));
        assertEquals(
                Optional.empty(), ParentProcessWatch.parentPidFrom(Map.of("JPY_PARENT_PID", "")));
        assertEquals(
                Optional.empty(),
                ParentProcessWatch.parentPidFrom(Map.of("JPY_PARENT_PID", "not-a-pid")));
        assertEquals(
                Optional.empty(),
                ParentProcessWatch.parentPidFrom(Map.of("JPY_PARENT_PID", "1")),
                "init is no client");
        assertEquals(
                Optional.of(4242L),
                ParentProcessWatch.parentPidFrom(Map.of("JPY_PARENT_PID", " 4242 ")));
    }

    @Test
    void aLiveUnrelatedProcessIsNotGone() {
        long self = ProcessHandle.current().pid();
        assertFalse(new ParentProcessWatch(self, Duration.ofMillis(100), () -> {}).parentGone());
    }
}
