package org.ivit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The two activations of this project's transformers: timm ViT uses exact GELU, CLIP quick_gelu.
 */
public enum MlpActivation {
    /** GELU with erf, not the tanh approximation (timm's default). */
    GELU,
    /** x * sigmoid(1.702 x), as OpenAI's CLIP. */
    QUICK_GELU;

    public NDArray apply(NDArray x) {
        return switch (this) {
            case GELU -> Activation.gelu(x);
            case QUICK_GELU -> x.mul(Activation.sigmoid(Scalars.times(x, 1.702)));
        };
    }

    /** Reads a Hugging Face / timm activation name. */
    public static MlpActivation fromName(String name) {
        return switch (name) {
            case "gelu", "gelu_exact" -> GELU;
            case "quick_gelu" -> QUICK_GELU;
            default ->
                    throw new IllegalArgumentException(
                            "unsupported activation '" + name + "' (gelu or quick_gelu)");
        };
    }
}
