package org.ivit.model;

import ai.djl.ndarray.NDArray;

/**
 * L2 normalisation, the project's one copy: {@code v / max(||v||, 1e-12)} along the last axis, as
 * PyTorch's {@code F.normalize} (and so CLIP's {@code x / x.norm(dim=-1, keepdim=True)} up to the
 * epsilon). Prompt banks, CLIP's zero-shot scores and logits, the evaluation-time class ranking and
 * Instruction-ViT's prompt-to-class similarity all use it.
 */
public final class UnitVectors {
    /** The smallest norm divided by, so a zero vector stays zero. */
    public static final float EPS = 1e-12f;

    private UnitVectors() {}

    /** Each row along the last axis divided by its L2 norm; differentiable (norm, clip, divide). */
    public static NDArray of(NDArray x) {
        return x.div(x.norm(new int[] {-1}, true).clip(EPS, Float.MAX_VALUE));
    }

    /** {@code v} divided by its L2 norm, summed in double precision. */
    public static float[] of(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.max(norm, 1e-12));
        }
        return out;
    }
}
