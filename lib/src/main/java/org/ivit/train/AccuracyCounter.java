package org.ivit.train;

import ai.djl.ndarray.NDArray;

/**
 * Counts top-1 and top-5 hits over an evaluation; percentages at the end. Not DJL's {@code
 * TopKAccuracy} evaluator: here a tie with the true class counts against the sample, so a constant
 * predictor scores no better than chance, and both ranks come from one pass.
 */
public final class AccuracyCounter {
    private long seen;
    private long top1;
    private long top5;

    /**
     * @param logits (B, C) scores; @param labels (B) integer labels
     */
    public void add(NDArray logits, NDArray labels) {
        int classes = (int) logits.getShape().get(1);
        int k = Math.min(5, classes);
        long[] truth = labels.toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
        float[] scores = logits.toFloatArray();
        for (int b = 0; b < truth.length; b++) {
            float own = scores[b * classes + (int) truth[b]];
            int higher = 0;
            for (int c = 0; c < classes; c++) {
                float s = scores[b * classes + c];
                // ties count against the sample, so a constant predictor scores no better than
                // chance
                if (s > own || (s == own && c < truth[b])) {
                    higher++;
                }
            }
            top1 += higher == 0 ? 1 : 0;
            top5 += higher < k ? 1 : 0;
        }
        seen += truth.length;
    }

    public long seen() {
        return seen;
    }

    public double top1() {
        return seen == 0 ? Double.NaN : 100.0 * top1 / seen;
    }

    public double top5() {
        return seen == 0 ? Double.NaN : 100.0 * top5 / seen;
    }
}
