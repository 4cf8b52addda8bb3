package org.ivit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The terms of a method's training loss over the block's outputs and the (soft) targets; the loss
 * is their sum.
 */
@FunctionalInterface
public interface LossTerms {
    /** Each term, a scalar, in the method's order. */
    NDList of(NDList outputs, NDArray targets);

    /** The loss: the terms added in order (float32, as PyTorch adds them). */
    default NDArray total(NDList outputs, NDArray targets) {
        NDList terms = of(outputs, targets);
        NDArray sum = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            sum = sum.add(terms.get(i));
        }
        return sum;
    }
}
