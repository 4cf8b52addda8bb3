package org.ivit.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ivit.io.SafetensorsReader;

/** Building ViTs and loading timm checkpoints into them. */
public final class Vits {
    private Vits() {}

    /** A ViT in a new DJL Model, initialised from the engine's RNG seeded with {@code seed}. */
    public static Model create(VitConfig config, int seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        VisionTransformer vit = new VisionTransformer(config);
        Model model = Model.newInstance("vit");
        model.setBlock(vit);
        vit.initialize(model.getNDManager(), DataType.FLOAT32,
                new Shape(1, config.channels(), config.imageSize(), config.imageSize()));
        return model;
    }

    /**
     * Loads a timm-named safetensors checkpoint strictly. With {@code reinitializeHead} a head of
     * another class count (or none) keeps its fresh initialisation.
     */
    public static List<String> loadTimm(VisionTransformer vit, Path weights, boolean reinitializeHead) throws IOException {
        try (SafetensorsReader reader = SafetensorsReader.open(weights)) {
            StrictWeightLoader loader = new StrictWeightLoader();
            if (reinitializeHead) {
                loader.reinitializing("head.");
            }
            return loader.load(new SafetensorsSource(reader), vit.namedParameters());
        }
    }
}
