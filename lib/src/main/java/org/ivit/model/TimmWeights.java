package org.ivit.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ivit.io.SafetensorsReader;

/** Loading timm-named safetensors checkpoints strictly into any model that names its parameters as timm. */
public final class TimmWeights {
    private TimmWeights() {}

    /**
     * Loads every parameter of {@code model} from {@code weights}; any missing, unexpected or
     * misshapen tensor fails the whole load with a {@link WeightMismatchException} listing them all.
     * With {@code reinitializeHeadPrefix} (e.g. {@code "head"}, which covers DeiT's {@code head_dist}
     * too) parameters under it keep their fresh initialisation when absent or of another shape.
     */
    public static List<String> load(NamedParameters model, Path weights, String reinitializeHeadPrefix) throws IOException {
        try (SafetensorsReader reader = SafetensorsReader.open(weights)) {
            StrictWeightLoader loader = new StrictWeightLoader();
            if (reinitializeHeadPrefix != null) {
                loader.reinitializing(reinitializeHeadPrefix);
            }
            return loader.load(new SafetensorsSource(reader), model.namedParameters());
        }
    }
}
