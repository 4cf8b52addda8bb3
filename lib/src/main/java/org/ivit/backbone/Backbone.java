package org.ivit.backbone;

import java.util.Objects;
import java.util.Optional;
import org.ivit.io.PretrainedConfig;
import org.ivit.io.TimmCheckpoint;
import org.ivit.model.TimmClassifier;

/**
 * One image backbone a run can train: its id (timm's architecture name, the spec's
 * {@code backbone}), how its model is built, the timm checkpoint it starts from (with the
 * pretrained config that says how its images are prepared: resolution, crop fraction,
 * interpolation, mean and std), the Table 1 row it fills and timm's parameter count at 1000
 * classes (from the vendored key manifests, reference/timm/keys/README.md). A backbone without a
 * checkpoint (the quick profile's tiny ViT) takes its inputs from the profile's spec.
 *
 * @param paperRow the Table 1 row, as the paper prints it, that fine-tuning this backbone fills; null for none
 * @param weights the timm checkpoint it starts from; null when it has none
 * @param timmParameters timm's parameter count of the 1000-class model; 0 when timm has no such model
 */
public record Backbone(String id, Model model, TimmCheckpoint weights, String paperRow, long timmParameters) {

    /** Builds the untrained network: a timm classifier with {@code classes} outputs for square images of {@code imageSize}. */
    @FunctionalInterface
    public interface Model {
        TimmClassifier build(int classes, int imageSize);
    }

    public Backbone {
        Objects.requireNonNull(model, "model");
        if (id == null || !id.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("a backbone id is a timm-style name of [a-z0-9_], not '" + id + "'");
        }
        if (weights != null && !weights.architecture().equals(id)) {
            throw new IllegalArgumentException("backbone " + id + " cannot start from " + weights.name() + " (another architecture)");
        }
    }

    /** A backbone with a timm checkpoint, named as the checkpoint's architecture. */
    public static Backbone of(TimmCheckpoint weights, long timmParameters, Model model) {
        return new Backbone(weights.architecture(), model, weights, weights.paperRow().split(",")[0].strip(), timmParameters);
    }

    /** How its inputs are prepared, from its checkpoint's pretrained config; empty without a checkpoint. */
    public Optional<PretrainedConfig> preprocessing() {
        return Optional.ofNullable(weights).map(TimmCheckpoint::pretrainedCfg);
    }

    public Optional<String> table1Row() {
        return Optional.ofNullable(paperRow);
    }

    public TimmClassifier build(int classes, int imageSize) {
        return model.build(classes, imageSize);
    }
}
