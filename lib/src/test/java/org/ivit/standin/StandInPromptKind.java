package org.ivit.standin;

import org.ivit.model.UnitVectors;
import org.ivit.prompt.PromptKind;

/**
 * A stand-in prompt kind, as a user would add one: this record plus one line in {@code
 * META-INF/services/org.ivit.prompt.PromptKind}. Three parts text to one part image, normalised.
 */
public record StandInPromptKind() implements PromptKind {
    @Override
    public String id() {
        return "text-heavy";
    }

    @Override
    public boolean usesText() {
        return true;
    }

    @Override
    public boolean usesImages() {
        return true;
    }

    @Override
    public float[][] combine(float[][] text, float[][] image) {
        float[][] out = new float[text.length][];
        for (int c = 0; c < text.length; c++) {
            float[] v = new float[text[c].length];
            for (int d = 0; d < v.length; d++) {
                v[d] = 0.75f * text[c][d] + 0.25f * image[c][d];
            }
            out[c] = UnitVectors.of(v);
        }
        return out;
    }
}
