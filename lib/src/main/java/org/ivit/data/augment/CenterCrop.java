package org.ivit.data.augment;

import java.util.Random;

/** torchvision's CenterCrop: the centre {@code size}×{@code size} region, padded with black if the image is smaller. */
public record CenterCrop(int size) implements ImageTransform {
    @Override
    public RgbImage apply(RgbImage image, Random random) {
        int top = (int) Math.rint((image.height() - size) / 2.0);
        int left = (int) Math.rint((image.width() - size) / 2.0);
        return image.crop(left, top, size, size);
    }
}
