package org.ivit.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run folder's lock: live holders keep it, stale ones (dead pid, ended or requeued Slurm job)
 * lose it.
 */
class RunLockTest {
    @TempDir Path run;

    /** A host whose processes and Slurm jobs the test decides. */
    private static final class FakeHost implements RunLock.Host {
        final String name;
        final long pid;
        final Map<Long, Instant> processes = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<String, String> env = new HashMap<>();
        final Map<String, Boolean> jobs = new HashMap<>();

        FakeHost(String name, long pid) {
            this.name = name;
            this.pid = pid;
            processes.put(pid, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(pid));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public Optional<Instant> processStart(long p) {
            return Optional.ofNullable(processes.get(p));
        }

        @Override
        public String env(String key) {
            return env.get(key);
        }

        @Override
        public Optional<Boolean> slurmJobRunning(String id) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    private JsonObject lockRecord() throws Exception {
        return JsonParser.parseString(Files.readString(run.resolve(RunLock.FILE)))
                .getAsJsonObject();
    }

    @Test
    void theLockHoldsItsHolderAndIsRemovedWhenReleased() throws Exception {
        FakeHost a = new FakeHost("node1", 100);
        a.env.put("SLURM_JOB_ID", "4711");
        a.env.put("SLURM_ARRAY_JOB_ID", "4700");
        a.env.put("SLURM_ARRAY_TASK_ID", "3");
        try (RunLock lock = RunLock.acquire(run, a)) {
            JsonObject o = lockRecord();
            assertEquals("node1", o.get("host").getAsString());
            assertEquals(100, o.get("pid").getAsLong());
            assertEquals("4711", o.get("slurm_job_id").getAsString());
            assertEquals("3", o.get("slurm_array_task_id").getAsString());
            assertTrue(o.has("started") && o.has("pid_start"), o::toString);
        }
        assertFalse(Files.exists(run.resolve(RunLock.FILE)));
        try (var files = Files.list(run)) {
            assertEquals(0, files.count(), "no private lock files are left behind");
        }
    }

    @Test
    void aLiveHolderOnTheSameHostMakesASecondTrainerFailFast() throws Exception {
        FakeHost a = new FakeHost("node1", 100);
        FakeHost b = new FakeHost("node1", 200);
        b.processes.putAll(a.processes);
        try (RunLock lock = RunLock.acquire(run, a)) {
            RunLock.HeldException e =
                    assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(run, b));
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    run.resolve(RunLock.FILE)
                                            + ": the run is being trained by pid 100 on node1"),
                    e.getMessage());
            assertEquals(
                    100, lockRecord().get("pid").getAsLong(), "the holder's lock is untouched");
        }
    }

    /**
     * A trainer killed a moment ago is alive until torn down: a restart waits for it, within its
     * grace.
     */
    @Test
    void aRestartWaitsForAKilledHolderToGoWithinTheGrace() throws Exception {
        FakeHost a = new FakeHost("node1", 100);
        FakeHost b = new FakeHost("node1", 200);
        b.processes.putAll(a.processes);
        RunLock.acquire(run, a); // killed, still tearing down
        Thread exit =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(1_000);
                            } catch (InterruptedException e) {
                                return;
                            }
                            b.processes.remove(100L);
                        });
        exit.start();
        try (RunLock lock = RunLock.acquire(run, b, 20)) {
            assertEquals(200, lockRecord().get("pid").getAsLong());
        }
        exit.join();
        RunLock.acquire(run, a); // a holder that stays
        b.processes.putAll(a.processes);
        long start = System.nanoTime();
        assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(run, b, 1));
        assertTrue(
                System.nanoTime() - start >= 1_000_000_000L,
                "it waited its grace before giving up");
    }

    @Test
    void aDeadOrReusedPidOnTheSameHostIsStale() throws Exception {
        FakeHost a = new FakeHost("node1", 100);
        RunLock.acquire(run, a); // never released: the trainer was killed
        FakeHost b = new FakeHost("node1", 200);
        try (RunLock lock = RunLock.acquire(run, b)) {
            assertEquals(200, lockRecord().get("pid").getAsLong());
        }
        RunLock.acquire(run, a);
        FakeHost c = new FakeHost("node1", 300);
        c.processes.put(
                100L, Instant.parse("2030-01-01T00:00:00Z")); // pid 100 is another process now
        try (RunLock lock = RunLock.acquire(run, c)) {
            assertEquals(300, lockRecord().get("pid").getAsLong());
        }
    }

    @Test
    void aForeignHolderIsLiveWhileItsSlurmJobRunsOrCannotBeAsked() throws Exception {
        FakeHost a = new FakeHost("node1", 100);
        a.env.put("SLURM_JOB_ID", "4711");
        RunLock.acquire(run, a);
        FakeHost b = new FakeHost("node2", 100);
        b.env.put("SLURM_JOB_ID", "4712");
        b.jobs.put("4711", true);
        assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(run, b));
        b.jobs.remove("4711"); // no squeue on node2
        assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(run, b));
        b.jobs.put("4711", false);
        try (RunLock lock = RunLock.acquire(run, b)) {
            assertEquals("node2", lockRecord().get("host").getAsString());
            assertEquals("4712", lockRecord().get("slurm_job_id").getAsString());
        }
    }

    @Test
    void aForeignLockWithoutASlurmJobIsLive() throws Exception {
        RunLock.acquire(run, new FakeHost("laptop", 100));
        RunLock.HeldException e =
                assertThrows(
                        RunLock.HeldException.class,
                        () -> RunLock.acquire(run, new FakeHost("node2", 5)));
        assertTrue(
                e.getMessage().contains("pid 100 on laptop")
                        && e.getMessage().contains("delete " + run.resolve(RunLock.FILE)),
                e.getMessage());
    }

    @Test
    void theSameSlurmJobOnAnotherNodeIsThisTaskBeforeItsRequeue() throws Exception {
        FakeHost before = new FakeHost("node1", 100);
        before.env.put("SLURM_JOB_ID", "4711");
        RunLock.acquire(run, before);
        FakeHost after = new FakeHost("node7", 900);
        after.env.put("SLURM_JOB_ID", "4711");
        after.jobs.put("4711", true); // squeue says running: it is this very task
        try (RunLock lock = RunLock.acquire(run, after)) {
            assertEquals("node7", lockRecord().get("host").getAsString());
        }
    }

    @Test
    void releasingDoesNotRemoveALockTakenOverByAnother() throws Exception {
        FakeHost a = new FakeHost("node1", 100);
        RunLock first = RunLock.acquire(run, a);
        FakeHost b = new FakeHost("node1", 200); // sees pid 100 dead
        RunLock second = RunLock.acquire(run, b);
        first.close();
        assertEquals(200, lockRecord().get("pid").getAsLong());
        second.close();
        assertFalse(Files.exists(run.resolve(RunLock.FILE)));
    }

    @Test
    void aLockThatIsNotARecordIsNamed() throws Exception {
        Files.writeString(run.resolve(RunLock.FILE), "garbage{");
        Exception e =
                assertThrows(
                        java.io.IOException.class,
                        () -> RunLock.acquire(run, new FakeHost("node1", 1)));
        assertTrue(
                e.getMessage().startsWith(run.resolve(RunLock.FILE) + ": not a lock record"),
                e.getMessage());
    }
}
