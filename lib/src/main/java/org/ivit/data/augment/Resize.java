package org.ivit.data.augment;

/**
 * Resizes an image the way Pillow does (and hence torchvision on PIL images): separable filters
 * whose support widens when shrinking, so downscaling averages instead of aliasing. NEAREST
 * picks the source pixel under each output pixel's centre.
 */
public final class Resize {
    private Resize() {
    }

    public static RgbImage to(RgbImage src, int width, int height, Interpolation interpolation) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + width + "x" + height);
        }
        if (width == src.width() && height == src.height()) {
            return src.copy();
        }
        if (interpolation == Interpolation.NEAREST) {
            return nearest(src, width, height);
        }
        // Horizontal pass into float rows, then vertical pass with rounding to 8 bits.
        float[] rows = horizontal(src, width, interpolation);
        return vertical(rows, width, src.height(), height, interpolation);
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

    private static float[] horizontal(RgbImage src, int outWidth, Interpolation f) {
        Kernel k = Kernel.of(src.width(), outWidth, f);
        byte[] in = src.pixels();
        int inWidth = src.width();
        float[] out = new float[3 * outWidth * src.height()];
        for (int y = 0; y < src.height(); y++) {
            int inRow = 3 * y * inWidth;
            int outRow = 3 * y * outWidth;
            for (int x = 0; x < outWidth; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                int first = k.first[x];
                int base = x * k.taps;
                for (int t = 0; t < k.count[x]; t++) {
                    float w = k.weights[base + t];
                    int p = inRow + 3 * (first + t);
                    r += w * (in[p] & 0xff);
                    g += w * (in[p + 1] & 0xff);
                    b += w * (in[p + 2] & 0xff);
                }
                out[outRow + 3 * x] = r;
                out[outRow + 3 * x + 1] = g;
                out[outRow + 3 * x + 2] = b;
            }
        }
        return out;
    }

    private static RgbImage vertical(float[] in, int width, int inHeight, int outHeight, Interpolation f) {
        Kernel k = Kernel.of(inHeight, outHeight, f);
        byte[] out = new byte[3 * width * outHeight];
        int stride = 3 * width;
        for (int y = 0; y < outHeight; y++) {
            int first = k.first[y];
            int base = y * k.taps;
            for (int i = 0; i < stride; i++) {
                float v = 0;
                for (int t = 0; t < k.count[y]; t++) {
                    v += k.weights[base + t] * in[(first + t) * stride + i];
                }
                out[y * stride + i] = (byte) clamp8(v);
            }
        }
        return new RgbImage(width, outHeight, out);
    }

    static int clamp8(float v) {
        int rounded = (int) Math.floor(v + 0.5f);
        return rounded < 0 ? 0 : Math.min(rounded, 255);
    }

    /** Normalised filter taps of every output position along one axis. */
    private record Kernel(int taps, int[] first, int[] count, float[] weights) {
        static Kernel of(int inSize, int outSize, Interpolation f) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = f.support() * filterScale;
            int taps = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            float[] weights = new float[outSize * taps];
            for (int o = 0; o < outSize; o++) {
                double center = (o + 0.5) * scale;
                int lo = Math.max((int) (center - support + 0.5), 0);
                int hi = Math.min((int) (center + support + 0.5), inSize);
                int n = Math.min(hi - lo, taps);
                double total = 0;
                double[] w = new double[n];
                for (int t = 0; t < n; t++) {
                    w[t] = f.weight((t + lo - center + 0.5) / filterScale);
                    total += w[t];
                }
                for (int t = 0; t < n; t++) {
                    weights[o * taps + t] = (float) (total == 0 ? 0 : w[t] / total);
                }
                first[o] = lo;
                count[o] = n;
            }
            return new Kernel(taps, first, count, weights);
        }
    }
}
