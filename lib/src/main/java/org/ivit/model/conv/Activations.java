package org.ivit.model.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Activations of the CNN families, written without scalar tensors over Java memory. */
public final class Activations {
    private Activations() {}

    public static NDArray relu(NDArray x) {
        return Activation.relu(x);
    }

    /**
     * SiLU (swish with beta 1): {@code x * sigmoid(x)}. DJL's {@code swish} multiplies by a Number.
     */
    public static NDArray silu(NDArray x) {
        try (NDArray gate = Activation.sigmoid(x)) {
            return x.mul(gate);
        }
    }

    /** Global average pooling of NCHW maps to {@code [B, C]}. */
    public static NDArray globalAveragePool(NDArray x) {
        long b = x.getShape().get(0);
        long c = x.getShape().get(1);
        // DJL's PyTorch mean takes one axis at a time: flatten H, W first
        try (NDArray flat = x.reshape(b, c, -1)) {
            return flat.mean(new int[] {2});
        }
    }

    /** Global average pooling keeping the map's rank: {@code [B, C, 1, 1]}. */
    public static NDArray globalAveragePoolKeepDims(NDArray x) {
        long b = x.getShape().get(0);
        long c = x.getShape().get(1);
        try (NDArray pooled = globalAveragePool(x)) {
            return pooled.reshape(b, c, 1, 1);
        }
    }
}
