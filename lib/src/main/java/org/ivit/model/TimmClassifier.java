package org.ivit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * An image classifier with timm's two stages and timm's parameter names, transformer or CNN. {@link
 * #forwardFeatures} returns what timm's {@code forward_features} returns (for the transformers the
 * normalised tokens, for the CNNs the last feature map, NCHW); {@link #forwardHead} with {@code
 * preLogits} returns the vector the classifier reads (timm's {@code forward_head(x,
 * pre_logits=True)}: a token, or the globally average-pooled map), without it the logits.
 */
public interface TimmClassifier extends NamedParameters {

    NDArray forwardFeatures(ParameterStore ps, NDArray images, boolean training);

    NDArray forwardHead(ParameterStore ps, NDArray features, boolean training, boolean preLogits);

    /**
     * Width of the vector {@link #forwardHead} gives with {@code preLogits} (timm's {@code
     * num_features}).
     */
    int numFeatures();

    /**
     * Prefix of the classifier's parameters in timm's names ({@code head.}, {@code fc.}, {@code
     * classifier.}; DeiT's {@code head} also covers {@code head_dist.}).
     */
    String classifierPrefix();

    /**
     * An input of {@code batch} images the network takes, to initialise its parameters ({@link
     * FreshModel}): the transformers' own size; a CNN takes any size, so 64x64.
     */
    default Shape inputShape(long batch) {
        return new Shape(batch, 3, 64, 64);
    }
}
