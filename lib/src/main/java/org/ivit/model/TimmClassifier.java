package org.ivit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * An image classifier with timm's two stages and timm's parameter names. {@link #forwardFeatures}
 * returns what timm's {@code forward_features} returns (for the transformers: the normalised tokens);
 * {@link #forwardHead} with {@code preLogits} returns the vector the classifier reads (timm's
 * {@code forward_head(x, pre_logits=True)}), without it the logits.
 */
public interface TimmClassifier extends NamedParameters {

    NDArray forwardFeatures(ParameterStore ps, NDArray images, boolean training);

    NDArray forwardHead(ParameterStore ps, NDArray features, boolean training, boolean preLogits);
}
