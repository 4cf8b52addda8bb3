package org.ivit.clip;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An 8-bit RGB image, row-major, interleaved. Conversions follow Pillow's {@code convert("RGB")},
 * which CLIP's preprocessing applies: grey is replicated into three channels (no gamma
 * conversion, unlike Java's getRGB), alpha is dropped (colours kept as stored, not composited),
 * CMYK becomes R = (255 - C)(255 - K) / 255 and so on.
 */
public record RgbImage(int width, int height, byte[] pixels) {

    public RgbImage {
        if (pixels.length != width * height * 3) {
            throw new IllegalArgumentException(width + "x" + height + " RGB needs " + width * height * 3
                    + " bytes, got " + pixels.length);
        }
    }

    /**
     * Reads JPEG, PNG, GIF or BMP, chosen by content, not by extension (some datasets have PNGs
     * named .jpg). CMYK JPEGs work (Java 17's reader decodes them, Adobe inversion included).
     * A file that is unreadable or truncated gives an error naming it.
     */
    public static RgbImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("image " + file + " does not exist");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("cannot read image " + file + ": not JPEG, PNG, GIF or BMP data (corrupt or another format)");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                BufferedImage image = reader.read(0);
                for (String warning : warnings) {
                    if (warning.contains("Premature end")) { // libjpeg's word for a truncated file
                        throw new IOException("image " + file + " is truncated (" + warning + ")");
                    }
                }
                return from(image);
            } catch (IOException | RuntimeException e) {
                if (e.getMessage() != null && e.getMessage().contains(file.toString())) {
                    throw e;
                }
                throw new IOException("cannot read image " + file + ": " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }

    public static RgbImage from(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel model = image.getColorModel();
        int space = model.getColorSpace().getType();
        Raster raster = image.getRaster();
        if (space == ColorSpace.TYPE_GRAY && raster.getNumBands() <= 2) {
            return fromGrey(raster, model.getComponentSize(0), w, h);
        }
        if (space == ColorSpace.TYPE_CMYK && raster.getNumBands() == 4) {
            return fromCmyk(raster, w, h);
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            out[i * 3] = (byte) (argb[i] >> 16);
            out[i * 3 + 1] = (byte) (argb[i] >> 8);
            out[i * 3 + 2] = (byte) argb[i];
        }
        return new RgbImage(w, h, out);
    }

    private static RgbImage fromGrey(Raster raster, int bits, int w, int h) {
        int[] samples = raster.getSamples(0, 0, w, h, 0, (int[]) null);
        int max = (1 << bits) - 1;
        byte[] out = new byte[w * h * 3];
        for (int i = 0; i < samples.length; i++) {
            byte v = (byte) (bits == 8 ? samples[i] : Math.round(samples[i] * 255.0 / max));
            out[i * 3] = v;
            out[i * 3 + 1] = v;
            out[i * 3 + 2] = v;
        }
        return new RgbImage(w, h, out);
    }

    private static RgbImage fromCmyk(Raster raster, int w, int h) {
        int[] cmyk = raster.getPixels(0, 0, w, h, (int[]) null);
        byte[] out = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            int k = 255 - cmyk[i * 4 + 3];
            for (int c = 0; c < 3; c++) {
                out[i * 3 + c] = (byte) Math.round((255 - cmyk[i * 4 + c]) * k / 255.0f);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Pillow's bicubic resize (antialiased when shrinking). */
    public RgbImage resized(int newWidth, int newHeight) {
        if (newWidth < 1 || newHeight < 1) {
            throw new IllegalArgumentException("cannot resize to " + newWidth + "x" + newHeight);
        }
        return new RgbImage(newWidth, newHeight, BicubicResampler.resize(pixels, width, height, 3, newWidth, newHeight));
    }

    /** The pixel's (r, g, b) as 0..255. */
    public int[] rgb(int x, int y) {
        int at = (y * width + x) * 3;
        return new int[] {pixels[at] & 0xff, pixels[at + 1] & 0xff, pixels[at + 2] & 0xff};
    }
}
