package org.ivit.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.ivit.Project;
import org.ivit.data.PreparedDataset;
import org.ivit.io.FileDigest;
import org.ivit.platform.ComputeDevice;
import org.ivit.platform.LoaderThreads;
import org.ivit.platform.MklPath;
import org.ivit.train.RunOrigin;

/**
 * Reads what a run is made from and where it runs ({@link RunOrigin}): the commit, the dataset's
 * manifest hash, the weights' hashes, this machine and process.
 */
final class Provenance {
    private Provenance() {}

    /**
     * @param folders where the run's inputs lie: the record names the backbone's file relative to
     *     one of them
     */
    static RunOrigin of(PreparedDataset dataset, Path backboneWeights, InputFolders folders)
            throws IOException {
        // by hash, and by a path relative to the results, weights or data folder: records name no
        // machine's folders
        RunOrigin.Inputs inputs =
                new RunOrigin.Inputs(
                        datasetHash(dataset),
                        dataset.protocol(),
                        backboneWeights == null ? null : folders.name(backboneWeights),
                        backboneWeights == null ? null : FileDigest.sha256(backboneWeights));
        // what the run really ran on, read from this process: the MKL path on the CPU and the
        // device
        MklPath mkl = MklPath.current();
        RunOrigin.Machine machine =
                new RunOrigin.Machine(
                        System.getProperty("java.version"),
                        CpuType.current(),
                        System.getProperty("ai.djl.pytorch.num_threads", "default"),
                        scheduler(System::getenv),
                        mkl.vendor().id(),
                        mkl.shimLoaded(),
                        LoaderThreads.current().count(),
                        ComputeDevice.current());
        return new RunOrigin(commit(), inputs, machine, null, null);
    }

    /**
     * The environment keys that say where a run ran: the devices Slurm assigned and the job's ids.
     */
    static final List<String> SCHEDULER_KEYS =
            List.of(
                    "CUDA_VISIBLE_DEVICES",
                    "SLURM_JOB_ID",
                    "SLURM_ARRAY_JOB_ID",
                    "SLURM_ARRAY_TASK_ID",
                    "SLURM_JOB_NODELIST",
                    "SLURM_RESTART_COUNT");

    /**
     * The host and those keys that are set (lower-cased), e.g. {@code cuda_visible_devices: "0,1"};
     * not part of the spec, so run ids do not depend on where a run ran.
     */
    static Map<String, String> scheduler(UnaryOperator<String> env) {
        Map<String, String> o = new LinkedHashMap<>();
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        o.put("host", host);
        for (String key : SCHEDULER_KEYS) {
            String v = env.apply(key);
            if (v != null) {
                o.put(key.toLowerCase(Locale.ROOT), v);
            }
        }
        return o;
    }

    static String datasetHash(PreparedDataset dataset) {
        try {
            return FileDigest.sha256(dataset.layout().manifest());
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The checked-out commit, with "+dirty" when tracked files outside {@code results/} have
     * changes (the runs themselves rewrite the committed figures and exports there); "unknown"
     * outside git.
     */
    static String commit() {
        try {
            Path root = Project.root();
            String head = run(root, "git", "rev-parse", "--short=12", "HEAD");
            String dirty =
                    run(
                            root,
                            "git",
                            "status",
                            "--porcelain",
                            "--untracked-files=no",
                            "--",
                            ".",
                            ":(exclude)results");
            return head == null
                    ? "unknown"
                    : head + (dirty == null || dirty.isBlank() ? "" : "+dirty");
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static String run(Path dir, String... command) {
        try {
            Process p =
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
