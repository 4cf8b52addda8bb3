/**
 * timm's EfficientNet as {@code efficientnet_b0..b3} build it (PyTorch-style padding, BatchNorm eps
 * 1e-5).
 */
package org.ivit.model.efficientnet;
