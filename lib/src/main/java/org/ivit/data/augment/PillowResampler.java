package org.ivit.data.augment;

/**
 * Pillow's resize of 8-bit images ({@code Image.resize(size, BILINEAR or BICUBIC)}), which
 * torchvision's transforms on PIL images and CLIP's preprocessing (OpenAI's and Hugging Face's)
 * use. Written from Pillow's documented method: a separable filter (triangle, or Keys cubic with a
 * = -0.5) widened by the scale factor when shrinking (antialiasing), weights normalised and held as
 * 22-bit fixed point, horizontal pass first, each pass rounded and clipped to 0..255. The rounding
 * and clipping after the first pass matter: a float first pass (what {@code Resize} did before) put
 * about 40% of the values of torchvision's resized crops one level off, and up to 28 levels at
 * sharp edges, where bicubic overshoot is clipped after Pillow's first pass.
 *
 * <p>DJL's {@code Resize(BICUBIC)} is not used: it is PyTorch's interpolate, with a = -0.75 and no
 * antialiasing, and its float-to-uint8 cast wraps around on overshoot.
 */
final class PillowResampler {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PillowResampler() {}

    /**
     * Resizes interleaved 8-bit pixels ({@code channels} per pixel, row-major) with a BILINEAR or
     * BICUBIC filter.
     */
    static byte[] resize(
            byte[] pixels,
            int width,
            int height,
            int channels,
            int newWidth,
            int newHeight,
            Interpolation filter) {
        if (filter == Interpolation.NEAREST) {
            throw new IllegalArgumentException(
                    "nearest resizing picks pixels; it has no filter to resample with");
        }
        byte[] out = pixels;
        int w = width;
        if (newWidth != width) {
            out = horizontal(out, w, height, channels, newWidth, filter);
            w = newWidth;
        }
        if (newHeight != height) {
            out = vertical(out, w, height, channels, newHeight, filter);
        }
        return out == pixels ? pixels.clone() : out;
    }

    /** The source span and fixed-point weights of every output position along one axis. */
    private record Taps(int[] first, int[] count, int[][] weights) {}

    private static Taps taps(int inSize, int outSize, Interpolation filter) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filter.support() * filterScale;
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        int[][] weights = new int[outSize][];
        for (int i = 0; i < outSize; i++) {
            double center = (i + 0.5) * scale;
            int lo = Math.max((int) (center - support + 0.5), 0);
            int hi = Math.min((int) (center + support + 0.5), inSize);
            double[] k = new double[hi - lo];
            double sum = 0;
            for (int j = 0; j < k.length; j++) {
                k[j] = filter.weight((j + lo - center + 0.5) / filterScale);
                sum += k[j];
            }
            int[] fixed = new int[k.length];
            for (int j = 0; j < k.length; j++) {
                double v = sum == 0 ? k[j] : k[j] / sum;
                fixed[j] =
                        (int)
                                (v < 0
                                        ? -0.5 + v * (1 << PRECISION_BITS)
                                        : 0.5 + v * (1 << PRECISION_BITS));
            }
            first[i] = lo;
            count[i] = k.length;
            weights[i] = fixed;
        }
        return new Taps(first, count, weights);
    }

    private static byte[] horizontal(
            byte[] in, int width, int height, int channels, int newWidth, Interpolation filter) {
        Taps t = taps(width, newWidth, filter);
        byte[] out = new byte[newWidth * height * channels];
        for (int y = 0; y < height; y++) {
            int row = y * width * channels;
            for (int x = 0; x < newWidth; x++) {
                for (int c = 0; c < channels; c++) {
                    int sum = 1 << (PRECISION_BITS - 1);
                    for (int j = 0; j < t.count[x]; j++) {
                        sum += (in[row + (t.first[x] + j) * channels + c] & 0xff) * t.weights[x][j];
                    }
                    out[(y * newWidth + x) * channels + c] = clip8(sum);
                }
            }
        }
        return out;
    }

    private static byte[] vertical(
            byte[] in, int width, int height, int channels, int newHeight, Interpolation filter) {
        Taps t = taps(height, newHeight, filter);
        int stride = width * channels;
        byte[] out = new byte[newHeight * stride];
        for (int y = 0; y < newHeight; y++) {
            for (int i = 0; i < stride; i++) {
                int sum = 1 << (PRECISION_BITS - 1);
                for (int j = 0; j < t.count[y]; j++) {
                    sum += (in[(t.first[y] + j) * stride + i] & 0xff) * t.weights[y][j];
                }
                out[y * stride + i] = clip8(sum);
            }
        }
        return out;
    }

    private static byte clip8(int fixedPoint) {
        int v = fixedPoint >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
