package org.ivit.runs;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code train.lock} of a run folder: one trainer at a time writes a run, whether the trainers
 * are two Slurm array tasks, a task and a person, or two shells. The lock is taken atomically (the
 * holder's record is written to a private file, then hard-linked to the lock's name, which fails
 * when the name exists, also over NFS) and holds the host, pid, process start, Slurm job and array
 * ids and the start time.
 *
 * <p>A lock is stale, and taken over, when its holder cannot be training any more: the same host
 * and its pid is dead (or is another process now), or it names the Slurm job this process runs in
 * (Slurm never runs two copies of one job: it is this task before a requeue), or it names a Slurm
 * job that {@code squeue} says is not running. Any other lock is live: a run trainer fails fast
 * ({@link HeldException}).
 */
public final class RunLock implements AutoCloseable {
    /**
     * How long a trainer waits for a live holder of its run to go before it gives up (see {@link
     * #acquire(Path, Host, long)}).
     */
    public static final long GRACE_SECONDS = 30;

    public static final String FILE = "train.lock";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /**
     * What this process is and how to ask whether another holder still runs; tests supply their
     * own.
     */
    public interface Host {
        String name();

        long pid();

        /** When process {@code pid} started, empty when no such process runs here. */
        Optional<Instant> processStart(long pid);

        String env(String key);

        /** Whether Slurm job {@code id} is running, empty when Slurm cannot be asked. */
        Optional<Boolean> slurmJobRunning(String id);

        static Host current() {
            return new CurrentHost();
        }
    }

    /** A live lock held by another trainer. */
    public static final class HeldException extends IllegalStateException {
        HeldException(Path file, String holder) {
            super(
                    file
                            + ": the run is being trained by "
                            + holder
                            + "; two trainers must not write one run folder."
                            + " If that trainer is gone, delete "
                            + file);
        }
    }

    private final Path file;
    private final JsonObject record;

    private RunLock(Path file, JsonObject record) {
        this.file = file;
        this.record = record;
    }

    /**
     * {@link #acquire(Path, Host)}, giving a live holder {@code graceSeconds} to go first: a
     * trainer killed a moment ago (Ctrl-C, SIGKILL, a preempted task restarted at once) is alive
     * until the kernel has torn it down, which for a JVM of a few GB can take seconds.
     */
    public static RunLock acquire(Path runDir, Host host, long graceSeconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
        while (true) {
            try {
                return acquire(runDir, host);
            } catch (HeldException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Takes the lock of {@code runDir}, taking over a stale one; a live one raises {@link
     * HeldException}.
     */
    public static RunLock acquire(Path runDir, Host host) throws IOException {
        Files.createDirectories(runDir);
        Path file = runDir.resolve(FILE);
        JsonObject mine = record(host);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (tryCreate(file, mine)) {
                return new RunLock(file, mine);
            }
            Optional<JsonObject> held = read(file);
            if (held.isEmpty()) {
                continue; // released (or unreadable and removed) in between: try again
            }
            Optional<String> staleBecause = staleReason(held.get(), host);
            if (staleBecause.isEmpty()) {
                throw new HeldException(file, describe(held.get()));
            }
            // a stale lock is moved aside under a unique name, so two trainers cannot both take it
            // over
            Path aside = runDir.resolve(FILE + ".stale-" + host.pid() + "-" + System.nanoTime());
            try {
                Files.move(file, aside);
                Files.deleteIfExists(aside);
                System.err.println(
                        "run lock "
                                + file
                                + ": taking over a stale lock of "
                                + describe(held.get())
                                + " ("
                                + staleBecause.get()
                                + ")");
            } catch (NoSuchFileException e) {
                // another trainer moved it first; the next attempt sees what it did
            }
        }
        throw new HeldException(file, "another trainer that keeps taking it");
    }

    /** Why the lock's holder cannot be training, or empty when it may be (the lock is live). */
    static Optional<String> staleReason(JsonObject held, Host host) {
        String heldHost = string(held, "host");
        long heldPid = held.has("pid") ? held.get("pid").getAsLong() : -1;
        String heldJob = string(held, "slurm_job_id");
        if (host.name().equals(heldHost)) {
            Optional<Instant> start = host.processStart(heldPid);
            String heldStart = string(held, "pid_start");
            if (start.isPresent()
                    && (heldStart == null || heldStart.equals(start.get().toString()))) {
                return Optional.empty(); // the holder runs on this host right now
            }
            return Optional.of(
                    start.isEmpty()
                            ? "pid " + heldPid + " is not running on " + heldHost
                            : "pid " + heldPid + " is another process now");
        }
        if (heldJob != null && heldJob.equals(host.env("SLURM_JOB_ID"))) {
            return Optional.of("it is this Slurm job " + heldJob + " before it was requeued");
        }
        if (heldJob != null) {
            Optional<Boolean> running = host.slurmJobRunning(heldJob);
            if (running.isPresent() && !running.get()) {
                return Optional.of("Slurm job " + heldJob + " is no longer running");
            }
        }
        return Optional.empty();
    }

    private static JsonObject record(Host host) {
        JsonObject o = new JsonObject();
        o.addProperty("host", host.name());
        o.addProperty("pid", host.pid());
        host.processStart(host.pid()).ifPresent(t -> o.addProperty("pid_start", t.toString()));
        for (String key :
                new String[] {"SLURM_JOB_ID", "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_ID"}) {
            String v = host.env(key);
            if (v != null) {
                o.addProperty(key.toLowerCase(java.util.Locale.ROOT), v);
            }
        }
        o.addProperty("started", Instant.now().toString());
        return o;
    }

    private static boolean tryCreate(Path file, JsonObject mine) throws IOException {
        Path mineFile =
                file.resolveSibling(
                        FILE + "." + mine.get("pid").getAsLong() + "-" + System.nanoTime());
        Files.writeString(mineFile, GSON.toJson(mine));
        try {
            Files.createLink(file, mineFile);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            // a file system without hard links: create-new is atomic on local ones
            try {
                Files.writeString(
                        file,
                        GSON.toJson(mine),
                        java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException again) {
                return false;
            }
        } finally {
            Files.deleteIfExists(mineFile);
        }
    }

    private static Optional<JsonObject> read(Path file) throws IOException {
        try {
            return Optional.of(JsonParser.parseString(Files.readString(file)).getAsJsonObject());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonParseException | IllegalStateException e) {
            // the lock is written whole before it gets its name, so this is not a holder mid-write
            throw new IOException(
                    file
                            + ": not a lock record ("
                            + e.getMessage()
                            + "); delete it if no trainer runs");
        }
    }

    static String describe(JsonObject held) {
        StringBuilder b =
                new StringBuilder("pid ")
                        .append(string(held, "pid"))
                        .append(" on ")
                        .append(string(held, "host"));
        if (held.has("slurm_job_id")) {
            b.append(", Slurm job ").append(string(held, "slurm_job_id"));
            if (held.has("slurm_array_task_id")) {
                b.append(" (array ")
                        .append(string(held, "slurm_array_job_id"))
                        .append(" task ")
                        .append(string(held, "slurm_array_task_id"))
                        .append(')');
            }
        }
        return b.append(", since ").append(string(held, "started")).toString();
    }

    private static String string(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
    }

    /** Removes the lock if it is still this trainer's. */
    @Override
    public void close() throws IOException {
        Optional<JsonObject> now = read(file);
        if (now.isPresent() && now.get().equals(record)) {
            Files.deleteIfExists(file);
        }
    }

    private static final class CurrentHost implements Host {
        private String name;

        @Override
        public synchronized String name() {
            if (name == null) { // a slow resolver is asked once
                try {
                    name = InetAddress.getLocalHost().getHostName();
                } catch (IOException e) {
                    String env = System.getenv("HOSTNAME");
                    name = env != null ? env : "unknown";
                }
            }
            return name;
        }

        @Override
        public long pid() {
            return ProcessHandle.current().pid();
        }

        @Override
        public Optional<Instant> processStart(long pid) {
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .flatMap(p -> p.info().startInstant());
        }

        @Override
        public String env(String key) {
            return System.getenv(key);
        }

        @Override
        public Optional<Boolean> slurmJobRunning(String id) {
            try {
                Process p =
                        new ProcessBuilder("squeue", "-h", "-j", id, "-o", "%T")
                                .redirectErrorStream(true)
                                .start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                if (p.exitValue() != 0) {
                    // squeue answers "Invalid job id specified" for a job that has left the queue
                    return out.contains("Invalid job id") ? Optional.of(false) : Optional.empty();
                }
                return Optional.of(
                        out.lines()
                                .anyMatch(
                                        s ->
                                                Map.of(
                                                                "RUNNING",
                                                                1,
                                                                "COMPLETING",
                                                                1,
                                                                "CONFIGURING",
                                                                1,
                                                                "SUSPENDED",
                                                                1,
                                                                "STOPPED",
                                                                1)
                                                        .containsKey(s.strip())));
            } catch (IOException e) {
                return Optional.empty(); // no squeue here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
