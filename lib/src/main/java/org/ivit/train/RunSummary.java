package org.ivit.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Recipe;

/**
 * One training run's record: the spec it trained ({@link ExperimentConfig}, from the config.json
 * beside summary.json), what it measured ({@link RunMetrics}) and where it came from ({@link
 * RunProvenance}). The training engine writes it with {@link #write} and every reader reads it with
 * {@link #read}: one type, one schema ({@value #SCHEMA_VERSION}, in {@code schema_version}).
 *
 * <p>summary.json restates the spec's keys a reader of results needs (profile, table, dataset,
 * method, prompt, mode, backbone, the prompt fields, selection, recipe) so the file reads on its
 * own; {@link #read} checks they agree with config.json. Records without {@code schema_version} are
 * version 1, the same keys but {@code skipped_steps} optional; a record of any other version is
 * refused, naming the file. A few-shot run (table 3) also has {@code few_shot} ({@link
 * FewShotSubset}); the key is written only for such runs. {@code recipe} is written only when it is
 * not the paper's, so every record written before the recipes reads and writes as before.
 */
public record RunSummary(ExperimentConfig cfg, RunMetrics metrics, RunProvenance provenance) {

    /** The version {@link #write} writes. */
    public static final int SCHEMA_VERSION = 2;

    public RunSummary {
        if (cfg == null || metrics == null || provenance == null) {
            throw new IllegalArgumentException(
                    "a run summary needs its spec, metrics and provenance");
        }
    }

    /** The id of the run's folder and record. */
    public String runId() {
        return provenance.runId();
    }

    /**
     * What the record says about the prompts: the method decides (a ViT has none, and records clip
     * "none").
     */
    public MethodStrategy.PromptFields prompts() {
        return MethodStrategy.of(cfg.method()).promptFields(cfg);
    }

    /** The summary.json text, keys in the contract's order (snake_case). */
    public JsonObject toJson() {
        MethodStrategy.PromptFields prompts = prompts();
        JsonObject s = new JsonObject();
        s.addProperty("schema_version", SCHEMA_VERSION);
        s.addProperty("run_id", runId());
        s.addProperty("profile", cfg.profile());
        s.addProperty("table", cfg.table());
        s.addProperty("dataset", cfg.dataset());
        s.addProperty("method", cfg.method().id());
        s.addProperty("prompt", cfg.prompt().kind() == null ? null : cfg.prompt().kind().id());
        s.addProperty("mode", cfg.mode().id());
        s.addProperty("backbone", cfg.backbone());
        s.addProperty("clip", prompts.clip());
        s.addProperty("template_set", prompts.templateSet());
        s.addProperty("sim_loss", prompts.simLoss());
        s.addProperty("top_k", prompts.topK());
        s.addProperty("selection", cfg.selection().id());
        s.addProperty("best_epoch", metrics.bestEpoch());
        s.addProperty("epochs", metrics.epochs());
        s.addProperty("test_top1", metrics.testTop1());
        s.addProperty("test_top5", metrics.testTop5());
        s.addProperty("val_top1", metrics.valTop1());
        s.addProperty("commit", provenance.commit());
        s.addProperty("wall_seconds", metrics.wallSeconds());
        s.addProperty("bad_images", metrics.badImages());
        s.addProperty("skipped_steps", metrics.skippedSteps());
        s.addProperty("finished", metrics.finished());
        if (metrics.fewShot() != null) {
            s.add("few_shot", metrics.fewShot().toJson());
        }
        if (cfg.behaviour().recipe() != Recipe.PAPER) {
            s.addProperty(
                    "recipe",
                    cfg.behaviour()
                            .recipe()
                            .id()); // absent: the paper's, as in every record before the recipes
        }
        return s;
    }

    /** Writes summary.json atomically (a reader never sees half a file). */
    public void write(Path summaryJson) throws IOException {
        Files.createDirectories(summaryJson.getParent());
        Path tmp = summaryJson.resolveSibling(summaryJson.getFileName() + ".partial");
        Files.writeString(
                tmp,
                new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(toJson()));
        Files.move(
                tmp,
                summaryJson,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Whether summary.json says the run finished, checking only what that needs (any table, any
     * dataset, as the quick pretraining's record has): the file parses, has a known schema version
     * and a boolean {@code finished}. Errors name the file and the field.
     */
    public static boolean finished(Path summaryJson) {
        return new RunSummaryReader(summaryJson).finished();
    }

    /**
     * Reads and checks a {@code summary.json} with the {@code config.json} beside it; unknown keys
     * are ignored, missing, malformed or disagreeing ones fail naming the file. A record without
     * config.json (written before runs had one) gets its spec from the profile's preset and the
     * keys the summary restates.
     */
    public static RunSummary read(Path summaryJson) {
        return new RunSummaryReader(summaryJson).read();
    }

    /** A short name for legends: the method, and the prompt kind when there is one. */
    public String shortLabel() {
        String base =
                switch (cfg.method().id()) {
                    case "vit" -> "ViT";
                    case "vpt" -> "VPT";
                    default -> "Instruction-ViT";
                };
        String mode = cfg.mode().id();
        return cfg.prompt().kind() == null
                ? base + " (" + mode + ")"
                : base + " (" + mode + ", " + cfg.prompt().kind().id() + ")";
    }
}
