package org.ivit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplying or dividing by a number inside an autograd graph. DJL's {@code mul(Number)} and
 * {@code div(Number)} wrap the number in a tensor over a Java direct buffer and close it right
 * after the op; autograd keeps that tensor for the backward pass, whose memory the garbage
 * collector may by then have freed and reused, giving silently wrong or non-finite gradients. The
 * scalar made here is allocated by libtorch, so autograd's reference keeps it alive.
 */
public final class Scalars {
    private Scalars() {}

    public static NDArray times(NDArray x, double factor) {
        try (NDArray scalar = x.getManager().full(new Shape(), (float) factor, x.getDataType())) {
            return x.mul(scalar);
        }
    }

    public static NDArray dividedBy(NDArray x, double divisor) {
        try (NDArray scalar = x.getManager().full(new Shape(), (float) divisor, x.getDataType())) {
            return x.div(scalar);
        }
    }
}
