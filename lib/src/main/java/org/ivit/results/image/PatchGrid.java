package org.ivit.results.image;

import ai.djl.ndarray.NDArray;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Draws an image cut into its ViT patches, with gaps between patches, as a notebook picture. */
public final class PatchGrid {
    private PatchGrid() {}

    /**
     * @param image (C, H, W) float image; any value range, rescaled to 0..255 per image
     * @param patch the patch size in pixels
     * @param scale how many screen pixels per image pixel
     */
    public static BufferedImage of(NDArray image, int patch, int scale) {
        long[] s = image.getShape().getShape();
        if (s.length != 3) {
            throw new IllegalArgumentException(
                    "expected a (C, H, W) image, got shape " + image.getShape());
        }
        int c = (int) s[0];
        int h = (int) s[1];
        int w = (int) s[2];
        float[] v = image.toFloatArray();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        float range = max > min ? max - min : 1f;
        int gap = Math.max(2, scale / 2);
        int rows = h / patch;
        int cols = w / patch;
        BufferedImage out =
                new BufferedImage(
                        w * scale + (cols - 1) * gap,
                        h * scale + (rows - 1) * gap,
                        BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] rgb = new int[3];
                for (int ch = 0; ch < 3; ch++) {
                    float value = v[Math.min(ch, c - 1) * h * w + y * w + x];
                    rgb[ch] = Math.round((value - min) / range * 255f);
                }
                g.setColor(new Color(rgb[0], rgb[1], rgb[2]));
                g.fillRect(
                        x * scale + (x / patch) * gap, y * scale + (y / patch) * gap, scale, scale);
            }
        }
        g.dispose();
        return out;
    }
}
