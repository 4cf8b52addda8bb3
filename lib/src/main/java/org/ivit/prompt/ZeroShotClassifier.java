package org.ivit.prompt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.ivit.clip.Clip;
import org.ivit.model.UnitVectors;

/**
 * CLIP's zero-shot classifier: class scores are 100 x the cosine between an image embedding and
 * each class's text prompt (CLIP's prompt-engineering notebook uses 100, the trained temperature).
 */
public final class ZeroShotClassifier {
    /** exp(logit_scale) of the trained OpenAI models, fixed so random-weight models score alike. */
    public static final float SCALE = 100f;

    private final List<String> classes;
    private final float[] weights; // (N, E), unit rows
    private final int dim;
    private final String clipLabel;

    private ZeroShotClassifier(List<String> classes, float[][] unitRows, String clipLabel) {
        this.classes = List.copyOf(classes);
        this.dim = unitRows[0].length;
        this.weights = new float[unitRows.length * dim];
        for (int i = 0; i < unitRows.length; i++) {
            System.arraycopy(unitRows[i], 0, weights, i * dim, dim);
        }
        this.clipLabel = clipLabel;
    }

    /** From a text prompt bank (rows are already unit class embeddings). */
    public static ZeroShotClassifier of(PromptBank textBank) {
        if (!PromptKind.TEXT.equals(textBank.kind())) {
            throw new IllegalArgumentException(
                    "zero-shot classification needs text prompts, not " + textBank.kind().id());
        }
        return new ZeroShotClassifier(textBank.classes(), textBank.toArray(), textBank.clipLabel());
    }

    public static ZeroShotClassifier build(Clip clip, List<String> classes, TemplateSet templates) {
        return new ZeroShotClassifier(
                classes, PromptBanks.textPrompts(clip, classes, templates), clip.label());
    }

    public List<String> classes() {
        return classes;
    }

    public String clipLabel() {
        return clipLabel;
    }

    /** (B, N) scores of image embeddings (B, E), on the embeddings' manager. */
    public NDArray scores(NDArray imageEmbeds) {
        NDArray w = imageEmbeds.getManager().create(weights, new Shape(classes.size(), dim));
        return UnitVectors.of(imageEmbeds).matMul(w.transpose()).mul(SCALE);
    }
}
