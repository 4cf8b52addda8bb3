package org.ivit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * environment/slurm/submit --dry-run, with a stand-in java that answers the plan: the array's size
 * and throttle, requeue, and the offline settings written into every task
 * (environment/slurm/selftest runs it on a real Slurm).
 */
class SlurmSubmitTest {
    @TempDir Path dir;

    private record Submitted(String out, Path sweep) {}

    private Submitted submit(boolean online, String... args)
            throws IOException, InterruptedException {
        Path fakeJava = dir.resolve("java");
        // three plan lines, whatever the arguments
        Files.writeString(
                fakeJava,
                "#!/bin/sh\nfor i in 0 1 2; do echo \"{\\\"run_id\\\":\\\"r$i\\\"}\"; done\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        java.util.List<String> command =
                new java.util.ArrayList<>(
                        java.util.List.of(
                                "bash",
                                ReferenceFiles.projectRoot()
                                        .resolve("environment/slurm/submit")
                                        .toString(),
                                "--dry-run",
                                "--results",
                                dir.resolve("results").toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("IVIT_JAVA", fakeJava.toString());
        pb.environment().put("IVIT_JAR", Files.writeString(dir.resolve("fake.jar"), "").toString());
        pb.environment().put("IVIT_ALLOW_ONLINE", online ? "1" : "0");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        try (var sweeps = Files.list(dir.resolve("results/slurm"))) {
            return new Submitted(out, sweeps.filter(Files::isDirectory).findFirst().orElseThrow());
        }
    }

    @Test
    void oneArrayTaskPerPlanLineRequeueableAndThrottled() throws Exception {
        Submitted s =
                submit(
                        false,
                        "--profile",
                        "quick",
                        "--max-concurrent",
                        "2",
                        "--gpus-per-task",
                        "2",
                        "--partition",
                        "gpu");
        assertEquals(3, Files.readAllLines(s.sweep().resolve("plan.jsonl")).size());
        assertTrue(s.out().contains("--array=0-2%2 --requeue"), s.out());
        assertTrue(
                s.out().contains("--gpus-per-task=2") && s.out().contains("--partition=gpu"),
                s.out());
        assertTrue(s.out().contains("--dependency=afterany:<array>"), s.out());
        String task = Files.readString(s.sweep().resolve("task.sh"));
        assertTrue(
                task.contains(
                        "train --plan-file \""
                                + s.sweep().resolve("plan.jsonl")
                                + "\" --index \"${SLURM_ARRAY_TASK_ID}\""),
                task);
        assertTrue(
                task.contains("OPT_OUT_TRACKING=true") && task.contains("IVIT_ALLOW_ONLINE=\"0\""),
                task);
        assertTrue(task.contains("[ \"0\" = 1 ] || export DJL_OFFLINE=true"), task);
    }

    @Test
    void theOnlineSwitchReachesTheTasksButTrackingStaysOff() throws Exception {
        Submitted s = submit(true, "--gpus-per-task", "0");
        assertTrue(s.out().contains("--array=0-2%3 --requeue"), s.out());
        assertFalse(s.out().contains("--gpus-per-task"), s.out());
        String task = Files.readString(s.sweep().resolve("task.sh"));
        assertTrue(
                task.contains("IVIT_ALLOW_ONLINE=\"1\"") && task.contains("OPT_OUT_TRACKING=true"),
                task);
    }
}
