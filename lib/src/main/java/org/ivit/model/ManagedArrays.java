package org.ivit.model;

import ai.djl.ndarray.NDArray;

/**
 * An array computed from parameters alone lives in the model's manager and would leak there on
 * every step; moving it to the batch's manager frees it with the batch.
 */
public final class ManagedArrays {
    private ManagedArrays() {}

    public static NDArray onBatchOf(NDArray batch, NDArray computedFromParameters) {
        computedFromParameters.attach(batch.getManager());
        return computedFromParameters;
    }
}
