package org.ivit.model;

import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ivit.io.SafetensorsReader;
import org.ivit.model.conv.TimmCheckpoints;

/**
 * Loading timm-named safetensors checkpoints strictly into any model that names its parameters as
 * timm, transformer or CNN: {@link StrictWeightLoader} with the family's expectations (a model with
 * BatchNorm buffers gets {@link TimmCheckpoints#BATCH_NORM_CNN}, any other {@link
 * StrictWeightLoader#PARAMETERS}).
 */
public final class TimmWeights {
    private TimmWeights() {}

    /**
     * Loads every parameter of {@code model} from {@code weights}; any missing, unexpected or
     * misshapen tensor fails the whole load with a {@link WeightMismatchException} listing them
     * all. With {@code reinitializeHeadPrefix} (e.g. {@code "head"}, which covers DeiT's {@code
     * head_dist} too) parameters under it keep their fresh initialisation when absent or of another
     * shape.
     */
    public static List<String> load(
            NamedParameters model, Path weights, String reinitializeHeadPrefix) throws IOException {
        try (SafetensorsReader reader = SafetensorsReader.open(weights)) {
            StrictWeightLoader loader = new StrictWeightLoader().expecting(expectations(model));
            if (reinitializeHeadPrefix != null) {
                loader.reinitializing(reinitializeHeadPrefix);
            }
            return loader.load(new SafetensorsSource(reader), model.namedParameters());
        }
    }

    /**
     * {@link #load} with the classifier ({@link TimmClassifier#classifierPrefix()}) re-initialised
     * or not.
     */
    public static List<String> load(
            TimmClassifier model, Path weights, boolean reinitializeClassifier) throws IOException {
        return load(model, weights, reinitializeClassifier ? model.classifierPrefix() : null);
    }

    /** The checkpoint layout of the model's family. */
    public static StrictWeightLoader.Expectations expectations(NamedParameters model) {
        for (Parameter p : model.namedParameters().values()) {
            if (p.getType() == Parameter.Type.RUNNING_VAR) {
                return TimmCheckpoints.BATCH_NORM_CNN;
            }
        }
        return StrictWeightLoader.PARAMETERS;
    }
}
