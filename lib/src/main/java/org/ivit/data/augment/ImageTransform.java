package org.ivit.data.augment;

import java.util.Random;

/**
 * One step of an image pipeline. Random choices come only from {@code random}, so the same seed
 * gives the same output; the input image is never modified.
 */
@FunctionalInterface
public interface ImageTransform {
    RgbImage apply(RgbImage image, Random random);
}
