package org.ivit.data.prepare;

import java.util.List;
import java.util.Random;
import org.ivit.data.LabeledImage;

/**
 * How to split: the protocol name, the seed of every random choice, and an optional cap of images
 * per class and split (for quick runs; null means no cap).
 */
public record SplitSettings(String protocol, long seed, Integer limitPerClass) {
    public SplitSettings {
        if (limitPerClass != null && limitPerClass < 1) {
            throw new IllegalArgumentException("--limit-per-class must be at least 1");
        }
    }

    /** A generator for the split itself; every choice derives from the seed. */
    public Random splitRandom() {
        return new Random(seed);
    }

    /** Applies the cap: per class the first {@code limitPerClass} images in a seeded shuffle. */
    public List<LabeledImage> limit(List<LabeledImage> images, String splitName) {
        if (limitPerClass == null) {
            return images;
        }
        Random random = new Random(seed * 31 + splitName.hashCode());
        return PerClassSplit.takePerClass(images, limitPerClass, random).taken();
    }
}
