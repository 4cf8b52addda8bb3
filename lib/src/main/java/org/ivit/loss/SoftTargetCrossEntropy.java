package org.ivit.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Cross-entropy against soft targets, averaged over the batch: mean_b( -sum_c t[b,c] log
 * softmax(x)[b,c] ). Hard labels (B) are turned into one-hot targets, so Mixup, CutMix and label
 * smoothing share one path.
 */
public final class SoftTargetCrossEntropy {
    private SoftTargetCrossEntropy() {}

    public static NDArray of(NDArray logits, NDArray targets) {
        NDArray t = asDistribution(targets, logits);
        return logits.logSoftmax(-1).mul(t).sum(new int[] {-1}).neg().mean();
    }

    /** Targets as (B, C) float rows: soft targets unchanged, integer labels one-hot. */
    public static NDArray asDistribution(NDArray targets, NDArray logits) {
        if (targets.getShape().dimension() == logits.getShape().dimension()) {
            return targets.getDataType() == logits.getDataType()
                    ? targets
                    : targets.toType(logits.getDataType(), false);
        }
        int classes = (int) logits.getShape().get(logits.getShape().dimension() - 1);
        return targets.toType(DataType.INT64, false)
                .oneHot(classes)
                .toType(logits.getDataType(), false);
    }
}
