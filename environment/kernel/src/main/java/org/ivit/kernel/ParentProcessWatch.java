package org.ivit.kernel;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Ends the kernel when the process that started it is gone, as ipykernel does: a client killed with
 * {@code kill -9} (nbconvert, a console, the notebook server) cannot send shutdown_request, and a
 * kernel left behind keeps its memory. jupyter_client names the client in the environment variable
 * {@value #PARENT_VARIABLE}; a kernel started without it (by hand, or as an independent kernel) is
 * not watched.
 */
final class ParentProcessWatch {

    static final String PARENT_VARIABLE = "JPY_PARENT_PID";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private final long parentPid;
    private final Optional<ProcessHandle> parent;
    private final boolean wasDirectParent;
    private final Duration interval;
    private final Runnable onParentGone;

    /**
     * Watches the process parentPid; one that is already gone counts as gone at the first check.
     */
    ParentProcessWatch(long parentPid, Duration interval, Runnable onParentGone) {
        this.parentPid = parentPid;
        this.parent = ProcessHandle.of(parentPid);
        this.wasDirectParent =
                ProcessHandle.current().parent().map(p -> p.pid() == parentPid).orElse(false);
        this.interval = interval;
        this.onParentGone = onParentGone;
    }

    /** The client's pid as the environment names it, if any (pid 1, init, never counts). */
    static Optional<Long> parentPidFrom(Map<String, String> environment) {
        String value = environment.get(PARENT_VARIABLE);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(value.trim());
            return pid > 1 ? Optional.of(pid) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    long parentPid() {
        return parentPid;
    }

    /**
     * Whether the client is gone (also when it died before the kernel got this far). The handle
     * compares the process's start time, so a reused pid does not count as the client; a client
     * that was our direct parent is also gone once we have been handed to another parent (a dead
     * client that no one has reaped yet still "lives").
     */
    boolean parentGone() {
        if (parent.isEmpty() || !parent.get().isAlive()) {
            return true;
        }
        return wasDirectParent
                && ProcessHandle.current().parent().map(p -> p.pid() != parentPid).orElse(true);
    }

    /** Checks every interval on a daemon thread and runs onParentGone once the client is gone. */
    Thread start() {
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                while (!parentGone()) {
                                    Thread.sleep(interval.toMillis());
                                }
                                onParentGone.run();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "kernel-parent-watch");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
