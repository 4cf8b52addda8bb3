package org.ivit.clip;

import org.ivit.model.MlpActivation;

/**
 * The text tower of a CLIP model, as Hugging Face's {@code CLIPTextConfig}: token and position
 * embeddings, {@code layers} causal pre-norm transformer layers, a final LayerNorm.
 */
public record ClipTextConfig(
        int width,
        int heads,
        int layers,
        int mlpWidth,
        int contextLength,
        int vocabSize,
        float eps,
        MlpActivation activation) {

    public ClipTextConfig {
        if (width % heads != 0) {
            throw new IllegalArgumentException(
                    "text width " + width + " is not divisible by " + heads + " heads");
        }
    }

    /**
     * Hugging Face's defaults for absent keys (CLIPTextConfig, = openai/clip-vit-base-patch32's
     * text tower).
     */
    public static ClipTextConfig huggingFaceDefaults() {
        return new ClipTextConfig(512, 8, 12, 2048, 77, 49408, 1e-5f, MlpActivation.QUICK_GELU);
    }
}
