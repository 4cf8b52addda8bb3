package org.ivit.data.augment;

/**
 * The colour ops of RandAugment on 8-bit images, with Pillow's definitions (torchvision's PIL
 * path): enhancements blend with a degenerate image and truncate to 8 bits; autocontrast and
 * equalize work per channel.
 */
public final class ColorOps {
    private ColorOps() {}

    /** Blend with black: factor 0 gives black, 1 the image. */
    public static RgbImage brightness(RgbImage image, double factor) {
        return blend(RgbImage.blank(image.width(), image.height()), image, factor);
    }

    /** Blend with the greyscale image: 0 gives grey, 1 the image ("Color" / saturation). */
    public static RgbImage color(RgbImage image, double factor) {
        return blend(grey(image), image, factor);
    }

    /** Blend with the mean grey level: 0 gives a flat grey image. */
    public static RgbImage contrast(RgbImage image, double factor) {
        byte[] p = image.pixels();
        long sum = 0;
        for (int i = 0; i < p.length; i += 3) {
            sum += luma(p[i] & 0xff, p[i + 1] & 0xff, p[i + 2] & 0xff);
        }
        int mean = (int) (sum / (double) (p.length / 3) + 0.5);
        byte[] flat = new byte[p.length];
        java.util.Arrays.fill(flat, (byte) mean);
        return blend(new RgbImage(image.width(), image.height(), flat), image, factor);
    }

    /**
     * Blend with Pillow's SMOOTH filter (3×3 kernel 1,1,1/1,5,1/1,1,1 over 13; border pixels
     * unchanged).
     */
    public static RgbImage sharpness(RgbImage image, double factor) {
        int w = image.width();
        int h = image.height();
        byte[] in = image.pixels();
        byte[] smooth = in.clone();
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int v = in[3 * ((y + dy) * w + x + dx) + c] & 0xff;
                            sum += (dx == 0 && dy == 0) ? 5 * v : v;
                        }
                    }
                    smooth[3 * (y * w + x) + c] =
                            (byte) Math.min(255, (int) Math.floor(sum / 13.0 + 0.5));
                }
            }
        }
        return blend(new RgbImage(w, h, smooth), image, factor);
    }

    /** Keeps the top {@code bits} bits of every value. */
    public static RgbImage posterize(RgbImage image, int bits) {
        int mask = ~((1 << (8 - bits)) - 1) & 0xff;
        byte[] out = image.pixels().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (out[i] & mask);
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /** Inverts every value at or above {@code threshold}. */
    public static RgbImage solarize(RgbImage image, double threshold) {
        byte[] out = image.pixels().clone();
        for (int i = 0; i < out.length; i++) {
            int v = out[i] & 0xff;
            if (v >= threshold) {
                out[i] = (byte) (255 - v);
            }
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /** Stretches each channel so its darkest value becomes 0 and its brightest 255. */
    public static RgbImage autocontrast(RgbImage image) {
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int c = 0; c < 3; c++) {
            int lo = 255;
            int hi = 0;
            for (int i = c; i < in.length; i += 3) {
                int v = in[i] & 0xff;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            int[] lut = new int[256];
            for (int v = 0; v < 256; v++) {
                if (hi <= lo) {
                    lut[v] = v;
                } else {
                    double scale = 255.0 / (hi - lo);
                    lut[v] = Math.max(0, Math.min(255, (int) (v * scale - lo * scale)));
                }
            }
            applyLut(in, out, c, lut);
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /** Histogram equalisation per channel, Pillow's ImageOps.equalize. */
    public static RgbImage equalize(RgbImage image) {
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int c = 0; c < 3; c++) {
            int[] histogram = new int[256];
            for (int i = c; i < in.length; i += 3) {
                histogram[in[i] & 0xff]++;
            }
            int[] lut = new int[256];
            int last = 0;
            int nonZero = 0;
            long total = 0;
            for (int v = 0; v < 256; v++) {
                if (histogram[v] > 0) {
                    nonZero++;
                    last = histogram[v];
                    total += histogram[v];
                }
            }
            long step = nonZero <= 1 ? 0 : (total - last) / 256;
            if (step == 0) {
                for (int v = 0; v < 256; v++) {
                    lut[v] = v;
                }
            } else {
                long n = step / 2;
                for (int v = 0; v < 256; v++) {
                    lut[v] = (int) Math.min(255, n / step);
                    n += histogram[v];
                }
            }
            applyLut(in, out, c, lut);
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /**
     * degenerate + factor·(image − degenerate), clipped and truncated to 8 bits (Pillow's blend).
     */
    static RgbImage blend(RgbImage degenerate, RgbImage image, double factor) {
        byte[] a = degenerate.pixels();
        byte[] b = image.pixels();
        byte[] out = new byte[b.length];
        float f = (float) factor;
        for (int i = 0; i < b.length; i++) {
            int va = a[i] & 0xff;
            float v = va + f * ((b[i] & 0xff) - va);
            out[i] = (byte) (v <= 0 ? 0 : v >= 255 ? 255 : (int) v);
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /** Pillow's RGB→L conversion (ITU-R 601-2 luma, fixed point with rounding). */
    static int luma(int r, int g, int b) {
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }

    private static RgbImage grey(RgbImage image) {
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += 3) {
            byte l = (byte) luma(in[i] & 0xff, in[i + 1] & 0xff, in[i + 2] & 0xff);
            out[i] = l;
            out[i + 1] = l;
            out[i + 2] = l;
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    private static void applyLut(byte[] in, byte[] out, int channel, int[] lut) {
        for (int i = channel; i < in.length; i += 3) {
            out[i] = (byte) lut[in[i] & 0xff];
        }
    }
}
