package org.ivit.model.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.ivit.model.NamedParameters;

/**
 * A timm CNN classifier split as timm splits it: {@code forward_features} (the last feature map,
 * NCHW) and {@code forward_head(x, pre_logits)} (global average pooling, then the classifier unless
 * {@code preLogits}). Parameters carry timm's {@code state_dict()} names.
 */
public interface TimmCnn extends NamedParameters {

    /** Images {@code [B, C, H, W]} to the last feature map {@code [B, numFeatures, h, w]}. */
    NDArray forwardFeatures(ParameterStore ps, NDArray images, boolean training);

    /** Pools the feature map to {@code [B, numFeatures]}; then, unless {@code preLogits}, classifies it. */
    NDArray forwardHead(ParameterStore ps, NDArray features, boolean preLogits, boolean training);

    /** Channels of the feature map and width of the pooled features. */
    int numFeatures();

    /** Prefix of the classifier's parameters in timm's names ({@code fc.}, {@code classifier.}). */
    String classifierPrefix();
}
