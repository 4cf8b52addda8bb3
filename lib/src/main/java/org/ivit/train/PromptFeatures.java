package org.ivit.train;

import org.ivit.prompt.PromptBank;

/**
 * The prompt features Instruction-ViT starts its prompt tokens from: one row of {@code dim} values
 * per class, in label order, flattened row after row (the layout the model copies in).
 *
 * @param values (classes, dim) float32, row-major; the engine reads it, never changes it
 */
public record PromptFeatures(float[] values, int dim) {
    public PromptFeatures {
        if (dim < 1 || values.length == 0 || values.length % dim != 0) {
            throw new IllegalArgumentException(
                    "prompt features of " + values.length + " values are not whole rows of " + dim);
        }
    }

    /** The rows of a prompt bank, in its label order. */
    public static PromptFeatures of(PromptBank bank) {
        float[][] rows = bank.toArray();
        float[] values = new float[rows.length * bank.dim()];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, values, i * bank.dim(), bank.dim());
        }
        return new PromptFeatures(values, bank.dim());
    }

    /** One row per class. */
    public int rows() {
        return values.length / dim;
    }
}
