/**
 * timm's ResNet with Bottleneck blocks (resnet50, resnet101, resnet152), in timm's (=
 * torchvision's) names.
 */
package org.ivit.model.resnet;
