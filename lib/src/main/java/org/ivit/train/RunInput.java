package org.ivit.train;

import java.nio.file.Path;
import java.util.Objects;
import org.ivit.spec.ExperimentConfig;

/**
 * Everything one run of the {@link TrainingEngine} trains from, checked together before any work
 * starts.
 *
 * @param spec the run's experiment configuration
 * @param data its splits and class names
 * @param prompts the class prompts' CLIP features for a method that uses prompts; null for the
 *     others
 * @param backboneWeights timm-named safetensors the backbone starts from; null for a fresh
 *     initialisation
 * @param provenance what the run is made from and where it runs, written into config.json
 */
public record RunInput(
        ExperimentConfig spec,
        RunData data,
        PromptFeatures prompts,
        Path backboneWeights,
        RunOrigin provenance) {
    public RunInput {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(provenance, "provenance");
        if (spec.method().usesPrompts() && prompts == null) {
            throw new IllegalArgumentException(
                    "the "
                            + spec.method().runName(spec.backbone())
                            + " run on "
                            + spec.dataset()
                            + ": "
                            + spec.method().id()
                            + " needs prompt features");
        }
        if (prompts != null && prompts.rows() != data.classes().size()) {
            throw new IllegalArgumentException(
                    "the "
                            + spec.method().runName(spec.backbone())
                            + " run on "
                            + spec.dataset()
                            + ": "
                            + prompts.rows()
                            + " prompt rows for the "
                            + data.classes().size()
                            + " classes of "
                            + spec.dataset());
        }
    }

    /** A run without prompts (the ViT and VPT baselines, the quick pretraining). */
    public static RunInput withoutPrompts(
            ExperimentConfig spec, RunData data, Path backboneWeights, RunOrigin provenance) {
        return new RunInput(spec, data, null, backboneWeights, provenance);
    }
}
