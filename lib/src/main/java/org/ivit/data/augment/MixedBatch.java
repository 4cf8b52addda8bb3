package org.ivit.data.augment;

import ai.djl.ndarray.NDArray;

/**
 * A batch after Mixup/CutMix: the images, soft targets (B, N) float32 whose rows sum to 1, the
 * lambda actually used (for CutMix the clipped box's share), what was done, and the CutMix box.
 */
public record MixedBatch(NDArray images, NDArray targets, double lambda, Mode mode, CutBox box) {
    public enum Mode {
        /** The per-batch coin (prob) said no: images unchanged, targets smoothed one-hot. */
        NONE,
        MIXUP,
        CUTMIX,
        /**
         * Odd batch size: mixing with the flipped batch is impossible; images unchanged, targets
         * smoothed one-hot.
         */
        SKIPPED_ODD_BATCH
    }

    /** Rows top..bottom−1 and columns left..right−1 taken from the flipped batch. */
    public record CutBox(int top, int bottom, int left, int right) {
        public int area() {
            return (bottom - top) * (right - left);
        }
    }
}
