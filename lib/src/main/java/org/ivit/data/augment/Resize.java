package org.ivit.data.augment;

/**
 * Resizes an image the way Pillow does (and hence torchvision on PIL images): separable filters
 * whose support widens when shrinking, so downscaling averages instead of aliasing, in Pillow's
 * fixed-point arithmetic ({@link PillowResampler}). NEAREST picks the source pixel under each
 * output pixel's centre.
 */
public final class Resize {
    private Resize() {}

    public static RgbImage to(RgbImage src, int width, int height, Interpolation interpolation) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                    "target size must be positive: " + width + "x" + height);
        }
        if (width == src.width() && height == src.height()) {
            return src.copy();
        }
        if (interpolation == Interpolation.NEAREST) {
            return nearest(src, width, height);
        }
        return new RgbImage(
                width,
                height,
                PillowResampler.resize(
                        src.pixels(), src.width(), src.height(), 3, width, height, interpolation));
    }

    private static RgbImage nearest(RgbImage src, int width, int height) {
        byte[] in = src.pixels();
        byte[] out = new byte[3 * width * height];
        double sx = (double) src.width() / width;
        double sy = (double) src.height() / height;
        for (int y = 0; y < height; y++) {
            int yy = Math.min(src.height() - 1, (int) ((y + 0.5) * sy));
            for (int x = 0; x < width; x++) {
                int xx = Math.min(src.width() - 1, (int) ((x + 0.5) * sx));
                System.arraycopy(in, 3 * (yy * src.width() + xx), out, 3 * (y * width + x), 3);
            }
        }
        return new RgbImage(width, height, out);
    }
}
