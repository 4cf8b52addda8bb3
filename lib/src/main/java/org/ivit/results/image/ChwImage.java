package org.ivit.results.image;

import java.awt.image.BufferedImage;

/** Turns a (C, H, W) float array, as models see images, into a picture. */
public final class ChwImage {
    private ChwImage() {}

    /**
     * @param chw channel-major values; any range (normalised images have negative values), rescaled
     *     to 0..255 over the whole image so colours keep their balance
     * @param channels 1 (grey) or 3 (RGB)
     */
    public static BufferedImage toImage(float[] chw, int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("expected 1 or 3 channels, got " + channels);
        }
        if (chw.length != channels * height * width) {
            throw new IllegalArgumentException(
                    "expected "
                            + channels
                            + "x"
                            + height
                            + "x"
                            + width
                            + " = "
                            + channels * height * width
                            + " values, got "
                            + chw.length);
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : chw) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max > min ? max - min : 1f;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = 0;
                for (int ch = 0; ch < 3; ch++) {
                    float v = chw[Math.min(ch, channels - 1) * plane + y * width + x];
                    rgb = (rgb << 8) | Math.round((v - min) / range * 255f);
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }
}
