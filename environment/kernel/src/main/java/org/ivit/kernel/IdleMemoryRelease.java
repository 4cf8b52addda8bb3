package org.ivit.kernel;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Gives memory back to the machine when the kernel goes idle: a notebook that trained a model
 * otherwise keeps its peak, since the JVM keeps its grown heap and glibc keeps the pages libtorch
 * freed. Shortly after a cell ends (and unless another has started) it runs a full collection,
 * which releases unreachable tensors and lets G1 shrink the heap (the kernelspec's
 * MaxHeapFreeRatio), then asks the JVM to trim the C heap (jcmd's System.trim_native_heap, glibc's
 * malloc_trim), which hands freed native pages back.
 */
final class IdleMemoryRelease implements AutoCloseable {

    static final Duration DEFAULT_DELAY = Duration.ofSeconds(2);

    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
    private static final String TRIM_NATIVE_HEAP = "systemTrimNativeHeap";

    private final Duration delay;
    private final Runnable release;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread thread = new Thread(r, "kernel-idle-memory-release");
                        thread.setDaemon(true);
                        return thread;
                    });
    private ScheduledFuture<?> pending;
    private int runningCells;

    IdleMemoryRelease(Duration delay, Runnable release) {
        this.delay = delay;
        this.release = release;
    }

    /** The kernel's release: a full GC, then a native heap trim where the JVM offers one. */
    static IdleMemoryRelease forKernel() {
        return new IdleMemoryRelease(DEFAULT_DELAY, IdleMemoryRelease::collectAndTrim);
    }

    synchronized void cellStarted() {
        runningCells++;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    synchronized void cellFinished() {
        runningCells = Math.max(0, runningCells - 1);
        if (runningCells == 0) {
            pending =
                    scheduler.schedule(
                            this::releaseIfIdle, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void releaseIfIdle() {
        synchronized (this) {
            if (runningCells > 0) {
                return;
            }
            pending = null;
        }
        release.run();
    }

    static void collectAndTrim() {
        System.gc();
        trimNativeHeap();
    }

    /**
     * glibc's malloc_trim through the JVM's own diagnostic command (JDK 17.0.9 and later, on
     * glibc); elsewhere nothing happens. Returns the JVM's one-line report, or null.
     */
    static String trimNativeHeap() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object report =
                    server.invoke(
                            new ObjectName(DIAGNOSTIC_COMMAND),
                            TRIM_NATIVE_HEAP,
                            new Object[] {new String[0]},
                            new String[] {String[].class.getName()});
            return report == null ? null : report.toString().strip();
        } catch (JMException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
