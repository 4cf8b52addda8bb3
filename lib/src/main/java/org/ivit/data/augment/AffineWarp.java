package org.ivit.data.augment;

/**
 * Geometric ops of RandAugment with Pillow's conventions: each output pixel centre is mapped
 * through an inverse affine matrix into the source and takes the nearest pixel; points that land
 * outside take the fill colour (black, as RandAugment's default fill).
 */
public final class AffineWarp {
    private AffineWarp() {}

    /**
     * Shear along x by {@code factor} (the tangent), about the top-left corner as RandAugment does.
     */
    public static RgbImage shearX(RgbImage image, double factor) {
        return warp(image, new double[] {1, factor, 0, 0, 1, 0});
    }

    /** Shear along y by {@code factor}, about the top-left corner. */
    public static RgbImage shearY(RgbImage image, double factor) {
        return warp(image, new double[] {1, 0, 0, factor, 1, 0});
    }

    /** Moves the content right by {@code dx} and down by {@code dy} pixels. */
    public static RgbImage translate(RgbImage image, int dx, int dy) {
        return warp(image, new double[] {1, 0, -dx, 0, 1, -dy});
    }

    /**
     * Rotates counter-clockwise by {@code degrees} about the image centre, keeping the size
     * (Pillow's rotate).
     */
    public static RgbImage rotate(RgbImage image, double degrees) {
        double angle = -Math.toRadians(degrees % 360.0);
        // Pillow rounds to 15 digits so that 90° turns map pixel centres exactly.
        double cos = round15(Math.cos(angle));
        double sin = round15(Math.sin(angle));
        double cx = image.width() / 2.0;
        double cy = image.height() / 2.0;
        double[] m = {cos, sin, 0, -sin, cos, 0};
        m[2] = cx - (m[0] * cx + m[1] * cy);
        m[5] = cy - (m[3] * cx + m[4] * cy);
        return warp(image, m);
    }

    /**
     * Output (x, y) samples the source at (m0·x + m1·y + m2, m3·x + m4·y + m5), pixel centres at
     * +0.5.
     */
    public static RgbImage warp(RgbImage image, double[] m) {
        int w = image.width();
        int h = image.height();
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int y = 0; y < h; y++) {
            double py = y + 0.5;
            for (int x = 0; x < w; x++) {
                double px = x + 0.5;
                double sx = m[0] * px + m[1] * py + m[2];
                double sy = m[3] * px + m[4] * py + m[5];
                if (sx < 0 || sy < 0) {
                    continue;
                }
                int ix = (int) sx;
                int iy = (int) sy;
                if (ix < w && iy < h) {
                    System.arraycopy(in, 3 * (iy * w + ix), out, 3 * (y * w + x), 3);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static double round15(double v) {
        return Math.round(v * 1e15) / 1e15;
    }
}
