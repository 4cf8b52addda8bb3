package org.ivit.model;

import ai.djl.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A ViT from a config ({@link VitConfig}) outside the registered variants ({@link VitFamily}): the
 * reference checks' sizes.
 */
public final class Vits {
    private Vits() {}

    /** A ViT in a new DJL Model, initialised from the engine's RNG seeded with {@code seed}. */
    public static Model create(VitConfig config, int seed) {
        return FreshModel.of(new VisionTransformer(config), seed);
    }

    /**
     * Loads a timm-named safetensors checkpoint strictly. With {@code reinitializeHead} a head of
     * another class count (or none) keeps its fresh initialisation.
     */
    public static List<String> loadTimm(
            VisionTransformer vit, Path weights, boolean reinitializeHead) throws IOException {
        return TimmWeights.load(vit, weights, reinitializeHead ? "head." : null);
    }
}
