package org.ivit.model;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ivit.io.PretrainedConfig;
import org.ivit.io.TimmCheckpoint;

/**
 * One named variant of a model family, as a run trains it: its id (timm's architecture name, the
 * spec's {@code backbone}), how its network is built, the timm checkpoint it starts from (with the
 * pretrained config that says how its images are prepared: resolution, crop fraction,
 * interpolation, mean and std), the Table 1 row it fills and timm's parameter count at 1000 classes
 * (from the vendored key manifests, reference/timm/keys/README.md). A variant without a checkpoint
 * (the quick profile's tiny ViT) takes its inputs from the profile's spec. Each family declares its
 * variants in its own file ({@link ModelFamily}); {@code org.ivit.backbone.Backbones} finds them by
 * id.
 *
 * @param network builds the untrained network for a class count and image size
 * @param weights the timm checkpoint it starts from; null when it has none
 * @param paperRow the Table 1 row, as the paper prints it, that fine-tuning this variant fills;
 *     null for none
 * @param timmParameters timm's parameter count of the 1000-class model; 0 when timm has no such
 *     model
 */
public record ModelVariant(
        String id, Network network, TimmCheckpoint weights, String paperRow, long timmParameters) {

    /**
     * Builds the untrained network: a timm classifier with {@code classes} outputs for square
     * images of {@code imageSize}.
     */
    @FunctionalInterface
    public interface Network {
        TimmClassifier build(int classes, int imageSize);
    }

    public ModelVariant {
        Objects.requireNonNull(network, "network");
        if (id == null || !id.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException(
                    "a model variant id is a timm-style name of [a-z0-9_], not '" + id + "'");
        }
        if (weights != null && !weights.architecture().equals(id)) {
            throw new IllegalArgumentException(
                    "model "
                            + id
                            + " cannot start from "
                            + weights.name()
                            + " (another architecture)");
        }
    }

    /**
     * A variant that starts from a timm checkpoint, named as the checkpoint's architecture, filling
     * the checkpoint's (first) Table 1 row.
     */
    public static ModelVariant pretrained(
            TimmCheckpoint weights, long timmParameters, Network network) {
        return new ModelVariant(
                weights.architecture(),
                network,
                weights,
                weights.paperRow().split(",")[0].strip(),
                timmParameters);
    }

    /**
     * A variant without a checkpoint and without a Table 1 row (add one with {@link
     * #fillingTable1Row}).
     */
    public static ModelVariant untrained(String id, Network network) {
        return new ModelVariant(id, network, null, null, 0);
    }

    /** The same variant filling Table 1's row {@code row} (as the results tables label it). */
    public ModelVariant fillingTable1Row(String row) {
        return new ModelVariant(id, network, weights, row, timmParameters);
    }

    /**
     * How its inputs are prepared, from its checkpoint's pretrained config; empty without a
     * checkpoint.
     */
    public Optional<PretrainedConfig> preprocessing() {
        return Optional.ofNullable(weights).map(TimmCheckpoint::pretrainedCfg);
    }

    public Optional<String> table1Row() {
        return Optional.ofNullable(paperRow);
    }

    /**
     * The untrained network with {@code classes} outputs for square images of {@code imageSize}.
     */
    public TimmClassifier create(int classes, int imageSize) {
        return network.build(classes, imageSize);
    }

    /**
     * {@link #create} in a new DJL Model, initialised from the engine's RNG seeded with {@code
     * seed} ({@link FreshModel}).
     */
    public Model newModel(int classes, int imageSize, int seed) {
        return FreshModel.of(
                (Block) create(classes, imageSize), seed, new Shape(1, 3, imageSize, imageSize));
    }

    /**
     * Loads a timm-named safetensors checkpoint (this variant's, or a network pretrained from it)
     * strictly into {@code model}: any missing, unexpected or misshapen tensor fails the load,
     * BatchNorm buffers included; a classifier of another class count keeps its fresh
     * initialisation.
     *
     * @return the names of the tensors copied
     */
    public List<String> loadPretrained(TimmClassifier model, Path file) throws IOException {
        return TimmWeights.load(model, file, true);
    }
}
