package org.ivit.data.augment;

import java.util.Random;

/**
 * torchvision's RandomResizedCrop: a crop covering a random share of the area (scale) with a random
 * aspect ratio (log-uniform), ten tries, then the centre-crop fallback; resized to {@code
 * size}×{@code size}. Defaults: scale (0.08, 1), ratio (3/4, 4/3), bilinear.
 */
public final class RandomResizedCrop implements ImageTransform {
    /** The crop box: top row, left column, height, width. */
    public record Box(int top, int left, int height, int width) {}

    private final int size;
    private final double minScale;
    private final double maxScale;
    private final double minRatio;
    private final double maxRatio;
    private final Interpolation interpolation;

    public RandomResizedCrop(int size) {
        this(size, 0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0, Interpolation.BILINEAR);
    }

    public RandomResizedCrop(
            int size,
            double minScale,
            double maxScale,
            double minRatio,
            double maxRatio,
            Interpolation interpolation) {
        this.size = size;
        this.minScale = minScale;
        this.maxScale = maxScale;
        this.minRatio = minRatio;
        this.maxRatio = maxRatio;
        this.interpolation = interpolation;
    }

    @Override
    public RgbImage apply(RgbImage image, Random random) {
        return apply(image, sampleBox(image.width(), image.height(), random));
    }

    /**
     * The crop of a given box, resized to size×size: torchvision's {@code F.resized_crop}, which
     * {@link #apply} uses after drawing the box.
     */
    public RgbImage apply(RgbImage image, Box box) {
        return Resize.to(
                image.crop(box.left(), box.top(), box.width(), box.height()),
                size,
                size,
                interpolation);
    }

    public Box sampleBox(int width, int height, Random random) {
        double area = (double) width * height;
        double logMin = Math.log(minRatio);
        double logMax = Math.log(maxRatio);
        for (int attempt = 0; attempt < 10; attempt++) {
            double targetArea = area * uniform(random, minScale, maxScale);
            double aspect = Math.exp(uniform(random, logMin, logMax));
            int w = (int) Math.rint(Math.sqrt(targetArea * aspect));
            int h = (int) Math.rint(Math.sqrt(targetArea / aspect));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = random.nextInt(height - h + 1);
                int left = random.nextInt(width - w + 1);
                return new Box(top, left, h, w);
            }
        }
        double inRatio = (double) width / height;
        int w;
        int h;
        if (inRatio < minRatio) {
            w = width;
            h = (int) Math.rint(w / minRatio);
        } else if (inRatio > maxRatio) {
            h = height;
            w = (int) Math.rint(h * maxRatio);
        } else {
            w = width;
            h = height;
        }
        return new Box((height - h) / 2, (width - w) / 2, h, w);
    }

    private static double uniform(Random random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }
}
