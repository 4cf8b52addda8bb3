/**
 * Building blocks shared by the timm CNN families (ResNet, EfficientNet): convolution, BatchNorm
 * and linear layers whose parameter shapes are fixed at construction (so names and shapes are known
 * before any weight is allocated), and strict loading of timm checkpoints with BatchNorm buffers.
 */
package org.ivit.model.conv;
