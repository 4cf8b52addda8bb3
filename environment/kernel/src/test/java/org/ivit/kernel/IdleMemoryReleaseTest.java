package org.ivit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdleMemoryReleaseTest {

    private static void sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    @Test
    void releasesOnceAfterTheLastCellAndNeverWhileOneRuns() throws Exception {
        AtomicInteger releases = new AtomicInteger();
        try (IdleMemoryRelease release =
                new IdleMemoryRelease(Duration.ofMillis(200), releases::incrementAndGet)) {
            release.cellStarted();
            sleep(400);
            assertEquals(0, releases.get(), "no release while a cell runs");
            release.cellFinished();
            release.cellStarted(); // the next cell of a Run All starts before the delay is over
            sleep(400);
            assertEquals(
                    0, releases.get(), "a cell that starts within the delay cancels the release");
            release.cellFinished();
            sleep(600);
            assertEquals(1, releases.get(), "one release once the kernel is idle");
        }
    }

    @Test
    void theJvmTrimsTheNativeHeapOnGlibc() {
        // System.trim_native_heap exists from JDK 17.0.9 on; the kernel needs nothing else for the
        // trim.
        Runtime.Version version = Runtime.version();
        boolean hasCommand =
                version.feature() > 17
                        || version.compareToIgnoreOptional(Runtime.Version.parse("17.0.9")) >= 0;
        assumeTrue(
                hasCommand && System.getProperty("os.name").startsWith("Linux"),
                "needs JDK 17.0.9+ on Linux");
        String report = IdleMemoryRelease.trimNativeHeap();
        assertNotNull(report, "System.trim_native_heap did not answer");
        // e.g. "Trim native heap: RSS+Swap: 51604K->51428K (-176K)"; "not supported" elsewhere.
        assertTrue(
                report.matches("(?s)Trim native heap: RSS\\+Swap: \\d+[KMG]?->\\d+[KMG]?.*"),
                report);
    }
}
