package org.ivit.results;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One training run's {@code summary.json}, as the training engine writes it. Accuracies are percent
 * (0..100). Nullable components: {@code prompt}, {@code templateSet}, {@code simLoss}, {@code topK}
 * (null means all N prompts) and {@code valTop1}. The training engine writes it with {@link #write}
 * and every reader reads it with {@link #read}: one type, one schema ({@value #SCHEMA_VERSION},
 * in {@code schema_version}). Records without {@code schema_version} are version 1, the same keys
 * but {@code skipped_steps} optional; a record of any other version is refused, naming the file.
 * A few-shot run (table 3) also has {@code few_shot}: its k, seed and split files with their
 * SHA-256 ({@link FewShot}); the key is written only for such runs and optional when read, so
 * every record written before it reads as before.
 */
public record RunSummary(
        String runId,
        String profile,
        int table,
        String dataset,
        String method,
        String prompt,
        String mode,
        String backbone,
        String clip,
        String templateSet,
        String simLoss,
        Integer topK,
        String selection,
        int bestEpoch,
        int epochs,
        double testTop1,
        double testTop5,
        Double valTop1,
        String commit,
        double wallSeconds,
        int badImages,
        int skippedSteps,
        boolean finished,
        FewShot fewShot,
        String recipe) {

    /** The recipe of runs whose record does not name one: every run before the two recipes. */
    public static final String DEFAULT_RECIPE = "paper";

    /** A record without a recipe (paper's). */
    public RunSummary(String runId, String profile, int table, String dataset, String method, String prompt, String mode,
                      String backbone, String clip, String templateSet, String simLoss, Integer topK, String selection,
                      int bestEpoch, int epochs, double testTop1, double testTop5, Double valTop1, String commit,
                      double wallSeconds, int badImages, int skippedSteps, boolean finished, FewShot fewShot) {
        this(runId, profile, table, dataset, method, prompt, mode, backbone, clip, templateSet, simLoss, topK, selection,
                bestEpoch, epochs, testTop1, testTop5, valTop1, commit, wallSeconds, badImages, skippedSteps, finished, fewShot,
                DEFAULT_RECIPE);
    }

    /**
     * The subset a few-shot run trained on: k images per class drawn by {@code seed}, as split
     * files relative to the results folder, with their SHA-256; the test split is the full one.
     */
    public record FewShot(int shots, int seed, String trainSplit, String trainSplitSha256, String valSplit,
                          String valSplitSha256) {
        /** As summary.json and config.json's provenance hold it. */
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("shots", shots);
            o.addProperty("seed", seed);
            o.addProperty("train_split", trainSplit);
            o.addProperty("train_split_sha256", trainSplitSha256);
            o.addProperty("val_split", valSplit);
            o.addProperty("val_split_sha256", valSplitSha256);
            o.addProperty("test_split", "full");
            return o;
        }
    }

    /** A run of the full splits (no {@code few_shot} in its record). */
    public RunSummary(String runId, String profile, int table, String dataset, String method, String prompt, String mode,
                      String backbone, String clip, String templateSet, String simLoss, Integer topK, String selection,
                      int bestEpoch, int epochs, double testTop1, double testTop5, Double valTop1, String commit,
                      double wallSeconds, int badImages, int skippedSteps, boolean finished) {
        this(runId, profile, table, dataset, method, prompt, mode, backbone, clip, templateSet, simLoss, topK, selection,
                bestEpoch, epochs, testTop1, testTop5, valTop1, commit, wallSeconds, badImages, skippedSteps, finished, null);
    }

    /** k of a few-shot run; 0 for a run of the full training split. */
    public int shots() {
        return fewShot == null ? 0 : fewShot.shots();
    }

    /** The version {@link #write} writes. */
    public static final int SCHEMA_VERSION = 2;

    /** The summary.json text, keys in the contract's order (snake_case). */
    public JsonObject toJson() {
        JsonObject s = new JsonObject();
        s.addProperty("schema_version", SCHEMA_VERSION);
        s.addProperty("run_id", runId);
        s.addProperty("profile", profile);
        s.addProperty("table", table);
        s.addProperty("dataset", dataset);
        s.addProperty("method", method);
        s.addProperty("prompt", prompt);
        s.addProperty("mode", mode);
        s.addProperty("backbone", backbone);
        s.addProperty("clip", clip);
        s.addProperty("template_set", templateSet);
        s.addProperty("sim_loss", simLoss);
        s.addProperty("top_k", topK);
        s.addProperty("selection", selection);
        s.addProperty("best_epoch", bestEpoch);
        s.addProperty("epochs", epochs);
        s.addProperty("test_top1", testTop1);
        s.addProperty("test_top5", testTop5);
        s.addProperty("val_top1", valTop1);
        s.addProperty("commit", commit);
        s.addProperty("wall_seconds", wallSeconds);
        s.addProperty("bad_images", badImages);
        s.addProperty("skipped_steps", skippedSteps);
        s.addProperty("finished", finished);
        if (fewShot != null) {
            s.add("few_shot", fewShot.toJson());
        }
        if (!DEFAULT_RECIPE.equals(recipe)) {
            s.addProperty("recipe", recipe); // absent: the paper's, as in every record before the recipes
        }
        return s;
    }

    /** Writes summary.json atomically (a reader never sees half a file). */
    public void write(Path summaryJson) throws IOException {
        Files.createDirectories(summaryJson.getParent());
        Path tmp = summaryJson.resolveSibling(summaryJson.getFileName() + ".partial");
        Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(toJson()));
        Files.move(tmp, summaryJson, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Whether summary.json says the run finished, checking only what that needs (any table, any
     * dataset, as the quick pretraining's record has): the file parses, has a known schema version
     * and a boolean {@code finished}. Errors name the file and the field.
     */
    public static boolean finished(Path summaryJson) {
        return new RunSummaryReader(summaryJson).finished();
    }

    /** Reads and checks a {@code summary.json}; unknown keys are ignored, missing or malformed ones fail. */
    public static RunSummary read(Path summaryJson) {
        return new RunSummaryReader(summaryJson).read();
    }

    /** A short name for legends: the method, and the prompt kind when there is one. */
    public String shortLabel() {
        String base = switch (method) {
            case "vit" -> "ViT";
            case "vpt" -> "VPT";
            default -> "Instruction-ViT";
        };
        return prompt == null ? base + " (" + mode + ")" : base + " (" + mode + ", " + prompt + ")";
    }
}
