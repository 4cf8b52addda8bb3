package org.ivit.runs;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ivit.Project;
import org.ivit.data.PreparedDataset;
import org.ivit.io.FileDigest;

/** What a run was made from: the commit, the dataset's manifest hash and the weights' hashes. */
final class Provenance {
    /**
     * The key of a few-shot run's subset ({@link org.ivit.train.FewShotSubset#toJson}) in
     * config.json and summary.json.
     */
    static final String FEW_SHOT = "few_shot";

    private Provenance() {}

    /**
     * @param folders where the run's inputs lie: the record names the backbone's file relative to
     *     one of them
     */
    static JsonObject of(PreparedDataset dataset, Path backboneWeights, InputFolders folders)
            throws IOException {
        JsonObject p = new JsonObject();
        p.addProperty("commit", commit());
        p.addProperty("dataset_manifest_sha256", datasetHash(dataset));
        p.addProperty("dataset_protocol", dataset.protocol());
        // by hash, and by a path relative to the results, weights or data folder: records name no
        // machine's folders
        p.addProperty(
                "backbone_weights", backboneWeights == null ? null : folders.name(backboneWeights));
        p.addProperty(
                "backbone_weights_sha256",
                backboneWeights == null ? null : FileDigest.sha256(backboneWeights));
        p.addProperty("java", System.getProperty("java.version"));
        p.addProperty("cpu", CpuType.current());
        p.addProperty("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        p.add("scheduler", scheduler(System::getenv));
        // what the run really ran on, read from this process: the MKL path on the CPU and the
        // device
        org.ivit.platform.MklPath.current().addTo(p);
        p.addProperty("loader_threads", org.ivit.platform.LoaderThreads.current().count());
        p.add("device", org.ivit.platform.ComputeDevice.current().toJson());
        return p;
    }

    /**
     * The environment keys that say where a run ran: the devices Slurm assigned and the job's ids.
     */
    static final java.util.List<String> SCHEDULER_KEYS =
            java.util.List.of(
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
    static JsonObject scheduler(java.util.function.UnaryOperator<String> env) {
        JsonObject o = new JsonObject();
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        o.addProperty("host", host);
        for (String key : SCHEDULER_KEYS) {
            String v = env.apply(key);
            if (v != null) {
                o.addProperty(key.toLowerCase(java.util.Locale.ROOT), v);
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
