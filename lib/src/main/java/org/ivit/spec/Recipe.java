package org.ivit.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which source a run follows: the paper's text or the authors' training script as it runs (FACTS
 * §2). A recipe only fills in the behaviour keys below; each stays its own spec key, and a key set
 * explicitly (by {@code --set}, a rule or a config.json) keeps its value. Keys a recipe does not
 * name (lr, epochs, warm-up, batch) come from the profile.
 */
public enum Recipe {
    /**
     * The paper: CLIP features are fixed inputs, prompt_proj trains in both modes, prompt mode
     * trains head + prompt_proj, CE over the scaled similarity logits, the package's per-step
     * warm-up + cosine, every epoch selectable. Mixup's probability and label smoothing are not in
     * the text: the profile's hold.
     */
    PAPER(
            "paper",
            Map.of(
                    "promptTokens",
                    "fixed",
                    "trainPromptProj",
                    "true",
                    "simLoss",
                    "paper",
                    "perEpochSchedule",
                    "false",
                    "oddBatchHardLabels",
                    "false",
                    "selectFromEpoch",
                    "0")),
    /**
     * The authors' script as it runs: prompt tokens never train (created after the optimizer),
     * prompt mode trains the head only, CE over softmaxed similarities (a double softmax), timm
     * 0.4.12's CosineLRScheduler stepped after each epoch (lr 0 for two epochs, warm restarts),
     * Mixup with probability 0.1 and label smoothing 0.1 skipped on odd batches (hard labels), best
     * epoch among epochs &gt;= 10.
     */
    AUTHORS(
            "authors",
            Map.of(
                    "promptTokens",
                    "fixed",
                    "trainPromptProj",
                    "false",
                    "simLoss",
                    "authors",
                    "perEpochSchedule",
                    "true",
                    "oddBatchHardLabels",
                    "true",
                    "selectFromEpoch",
                    "10",
                    "mixup",
                    "true",
                    "mixupProb",
                    "0.1",
                    "labelSmoothing",
                    "0.1"));

    /** The ids, for help texts and errors. */
    public static final String IDS = "paper or authors";

    private final String id;
    private final Map<String, String> values;

    Recipe(String id, Map<String, String> values) {
        this.id = id;
        this.values = new LinkedHashMap<>(values);
    }

    public String id() {
        return id;
    }

    /** The spec keys this recipe sets, with their values as {@code --set} text. */
    public Map<String, String> settings() {
        return Map.copyOf(values);
    }

    @Override
    public String toString() {
        return id;
    }

    public static Recipe fromId(String id) {
        for (Recipe r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown recipe '" + id + "' (" + IDS + ")");
    }
}
