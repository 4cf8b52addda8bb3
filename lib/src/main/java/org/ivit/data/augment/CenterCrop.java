package org.ivit.data.augment;

import java.util.Random;

/**
 * torchvision's CenterCrop: the centre {@code size}×{@code size} region, padded with black if the
 * image is smaller. The offsets are round((side − size) / 2) with Python's round, half to even (so
 * a margin of 5 gives 2, of 7 gives 4): floor or half-up would move some crops by a pixel.
 */
public record CenterCrop(int size) implements ImageTransform {
    @Override
    public RgbImage apply(RgbImage image, Random random) {
        return image.crop(offset(image.width(), size), offset(image.height(), size), size, size);
    }

    /**
     * The first row (or column) of a centre crop of {@code size} from a side of {@code side}
     * pixels.
     */
    public static int offset(int side, int size) {
        return (int) Math.rint((side - size) / 2.0);
    }
}
