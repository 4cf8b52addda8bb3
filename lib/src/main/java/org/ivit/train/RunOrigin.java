package org.ivit.train;

import com.google.gson.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ivit.platform.ComputeDevice;

/**
 * What a run was made from and where it ran: the section config.json records as {@code
 * "provenance"}. Nothing here enters the run's id. Records read it back as JSON ({@link #toJson}
 * gives the keys), since its keys differ between the records of older and newer versions.
 *
 * @param commit the checked-out commit, "+dirty" when tracked files changed; "unknown" outside git
 * @param inputs the dataset and backbone files, by hash; null for a synthetic run of the tests
 * @param machine where the run ran; null for a synthetic run of the tests
 * @param fewShot the subset a few-shot run trained on; null on the full splits
 * @param prompts the CLIP model and prompt bank of a method with prompts; null for the others
 */
public record RunOrigin(
        String commit, Inputs inputs, Machine machine, FewShotSubset fewShot, Prompts prompts) {

    public RunOrigin {
        Objects.requireNonNull(commit, "commit");
    }

    /** Only the commit: what a synthetic run of the tests records. */
    public static RunOrigin ofCommit(String commit) {
        return new RunOrigin(commit, null, null, null, null);
    }

    /** This origin with the subset a few-shot run trains on. */
    public RunOrigin withFewShot(FewShotSubset subset) {
        return new RunOrigin(commit, inputs, machine, subset, prompts);
    }

    /** This origin with the CLIP model and prompt bank the run's prompts came from. */
    public RunOrigin withPrompts(Prompts used) {
        return new RunOrigin(commit, inputs, machine, fewShot, used);
    }

    /**
     * The dataset and the backbone's starting weights.
     *
     * @param backboneWeights the weights file named relative to the results, weights, data or
     *     checkout folder (never a machine's path); null for a fresh initialisation
     * @param backboneWeightsSha256 its SHA-256; null with it
     */
    public record Inputs(
            String datasetManifestSha256,
            String datasetProtocol,
            String backboneWeights,
            String backboneWeightsSha256) {}

    /**
     * The machine and process a run ran in.
     *
     * @param threads the intra-op threads set for PyTorch, or "default"
     * @param scheduler the host, then the Slurm and CUDA variables that were set (lower-cased keys)
     * @param cpuVendor the CPU vendor MKL saw
     * @param mklVendorShim whether the MKL vendor shim was loaded
     * @param loaderThreads the threads that decode images
     */
    public record Machine(
            String java,
            String cpu,
            String threads,
            Map<String, String> scheduler,
            String cpuVendor,
            boolean mklVendorShim,
            int loaderThreads,
            ComputeDevice device) {
        public Machine {
            // the host first, as it was found
            scheduler = Collections.unmodifiableMap(new LinkedHashMap<>(scheduler));
        }
    }

    /** The CLIP model, its weights' SHA-256 and the prompt bank's recipe. */
    public record Prompts(String clip, String clipWeightsSha256, String promptBank) {}

    /** The {@code "provenance"} object of config.json, in its established key order. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("commit", commit);
        if (inputs != null) {
            o.addProperty("dataset_manifest_sha256", inputs.datasetManifestSha256());
            o.addProperty("dataset_protocol", inputs.datasetProtocol());
            o.addProperty("backbone_weights", inputs.backboneWeights());
            o.addProperty("backbone_weights_sha256", inputs.backboneWeightsSha256());
        }
        if (machine != null) {
            o.addProperty("java", machine.java());
            o.addProperty("cpu", machine.cpu());
            o.addProperty("threads", machine.threads());
            JsonObject scheduler = new JsonObject();
            machine.scheduler().forEach(scheduler::addProperty);
            o.add("scheduler", scheduler);
            o.addProperty("cpu_vendor", machine.cpuVendor());
            o.addProperty("mkl_vendor_shim", machine.mklVendorShim());
            o.addProperty("loader_threads", machine.loaderThreads());
            o.add("device", machine.device().toJson());
        }
        if (fewShot != null) {
            o.add("few_shot", fewShot.toJson());
        }
        if (prompts != null) {
            o.addProperty("clip", prompts.clip());
            o.addProperty("clip_weights_sha256", prompts.clipWeightsSha256());
            o.addProperty("prompt_bank", prompts.promptBank());
        }
        return o;
    }
}
