package org.ivit.data.augment;

import java.util.Random;

/**
 * torchvision's Resize(int): the short side becomes {@code size}, the long side keeps the aspect
 * (truncated).
 */
public record ResizeShortSide(int size, Interpolation interpolation) implements ImageTransform {
    @Override
    public RgbImage apply(RgbImage image, Random random) {
        int w = image.width();
        int h = image.height();
        if (w <= h) {
            return Resize.to(image, size, (int) ((long) size * h / w), interpolation);
        }
        return Resize.to(image, (int) ((long) size * w / h), size, interpolation);
    }
}
