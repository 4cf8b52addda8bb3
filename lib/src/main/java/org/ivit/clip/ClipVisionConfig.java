package org.ivit.clip;

import org.ivit.model.MlpActivation;

/**
 * The vision tower of a CLIP model, as Hugging Face's {@code CLIPVisionConfig}: a bias-free patch
 * convolution, class embedding, position embeddings, pre-LayerNorm, {@code layers} pre-norm layers.
 */
public record ClipVisionConfig(
        int width,
        int heads,
        int layers,
        int mlpWidth,
        int imageSize,
        int patchSize,
        int channels,
        float eps,
        MlpActivation activation) {

    public ClipVisionConfig {
        if (width % heads != 0) {
            throw new IllegalArgumentException(
                    "vision width " + width + " is not divisible by " + heads + " heads");
        }
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException(
                    "image size " + imageSize + " is not a multiple of patch size " + patchSize);
        }
    }

    /** Hugging Face's defaults for absent keys (CLIPVisionConfig, = ViT-B/32). */
    public static ClipVisionConfig huggingFaceDefaults() {
        return new ClipVisionConfig(768, 12, 12, 3072, 224, 32, 3, 1e-5f, MlpActivation.QUICK_GELU);
    }

    public int gridSize() {
        return imageSize / patchSize;
    }

    /** Patches plus the class token. */
    public int tokenCount() {
        return gridSize() * gridSize() + 1;
    }
}
