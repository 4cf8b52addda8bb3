package org.ivit.data.augment;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * An 8-bit RGB image, pixels interleaved row by row (HWC): the project's one decoded-image type.
 * {@link org.ivit.data.ImageDecoder} makes it from a file as Pillow's {@code convert("RGB")} does;
 * the training augmentations and CLIP's preprocessing both work on it. Augmentations work on 8-bit
 * images because torchvision's ops are defined on them (posterize, solarize and equalize need the
 * 0..255 values, and every blend truncates to 8 bits). Transforms never modify their input.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final byte[] pixels;

    public RgbImage(int width, int height, byte[] pixels) {
        if (width <= 0 || height <= 0 || pixels.length != 3L * width * height) {
            throw new IllegalArgumentException(
                    "an RGB image of "
                            + width
                            + "x"
                            + height
                            + " needs "
                            + 3L * width * height
                            + " bytes, got "
                            + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    public static RgbImage blank(int width, int height) {
        return new RgbImage(width, height, new byte[3 * width * height]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array (not a copy): HWC, RGB. */
    public byte[] pixels() {
        return pixels;
    }

    /** Channel {@code c} (0 red, 1 green, 2 blue) at column x, row y, as 0..255. */
    public int get(int x, int y, int c) {
        return pixels[3 * (y * width + x) + c] & 0xff;
    }

    /** The pixel's (r, g, b) as 0..255. */
    public int[] rgb(int x, int y) {
        int at = 3 * (y * width + x);
        return new int[] {pixels[at] & 0xff, pixels[at + 1] & 0xff, pixels[at + 2] & 0xff};
    }

    /**
     * Pillow's bicubic resize ({@code Image.resize(size, BICUBIC)}, antialiased when shrinking), as
     * CLIP uses it.
     */
    public RgbImage resized(int newWidth, int newHeight) {
        if (newWidth < 1 || newHeight < 1) {
            throw new IllegalArgumentException("cannot resize to " + newWidth + "x" + newHeight);
        }
        return new RgbImage(
                newWidth,
                newHeight,
                PillowResampler.resize(
                        pixels, width, height, 3, newWidth, newHeight, Interpolation.BICUBIC));
    }

    public long sizeInBytes() {
        return pixels.length + 64L;
    }

    public RgbImage copy() {
        return new RgbImage(width, height, pixels.clone());
    }

    /**
     * The region at (left, top) of the given size; parts outside the image are black, as
     * torchvision pads.
     */
    public RgbImage crop(int left, int top, int cropWidth, int cropHeight) {
        byte[] out = new byte[3 * cropWidth * cropHeight];
        for (int y = 0; y < cropHeight; y++) {
            int sy = top + y;
            if (sy < 0 || sy >= height) {
                continue;
            }
            int x0 = Math.max(0, -left);
            int x1 = Math.min(cropWidth, width - left);
            if (x1 > x0) {
                System.arraycopy(
                        pixels,
                        3 * (sy * width + left + x0),
                        out,
                        3 * (y * cropWidth + x0),
                        3 * (x1 - x0));
            }
        }
        return new RgbImage(cropWidth, cropHeight, out);
    }

    public RgbImage flipHorizontal() {
        byte[] out = new byte[pixels.length];
        for (int y = 0; y < height; y++) {
            int row = 3 * y * width;
            for (int x = 0; x < width; x++) {
                int from = row + 3 * x;
                int to = row + 3 * (width - 1 - x);
                out[to] = pixels[from];
                out[to + 1] = pixels[from + 1];
                out[to + 2] = pixels[from + 2];
            }
        }
        return new RgbImage(width, height, out);
    }

    /** CHW float32 values (v/255 − mean)/std per channel: the model's input layout. */
    public float[] toChw(Normalization normalization) {
        int plane = width * height;
        float[] out = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            float scale = 1f / (255f * normalization.std()[c]);
            float shift = normalization.mean()[c] / normalization.std()[c];
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = (pixels[3 * i + c] & 0xff) * scale - shift;
            }
        }
        return out;
    }

    /** For display (notebooks, debugging). */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i += 3) {
            bgr[i] = pixels[i + 2];
            bgr[i + 1] = pixels[i + 1];
            bgr[i + 2] = pixels[i];
        }
        return image;
    }
}
