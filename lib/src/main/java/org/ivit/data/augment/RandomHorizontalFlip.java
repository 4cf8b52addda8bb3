package org.ivit.data.augment;

import java.util.Random;

/** Mirrors the image left-right with probability {@code p} (torchvision's RandomHorizontalFlip). */
public record RandomHorizontalFlip(double p) implements ImageTransform {
    public RandomHorizontalFlip() {
        this(0.5);
    }

    @Override
    public RgbImage apply(RgbImage image, Random random) {
        return random.nextDouble() < p ? image.flipHorizontal() : image.copy();
    }
}
