package org.ivit.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.ivit.data.augment.RgbImage;

/**
 * Decodes an image file into 8-bit RGB the way Pillow's {@code convert("RGB")} does: grey is
 * copied to three channels, alpha is dropped, embedded colour profiles are ignored (raw values).
 * CMYK JPEGs (some Pets images are CMYK) are converted with R = 255·(1−C)(1−K) etc.: this JDK's
 * reader decodes them to CMYK values (undoing Adobe's inversion and YCCK) but its own RGB
 * conversion is washed out; runtimes whose reader refuses CMYK are served from the raw raster.
 */
public final class ImageDecoder {
    private ImageDecoder() {
    }

    public static RgbImage decode(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            RgbImage fromRaster = decodeRaster(bytes);
            if (fromRaster != null) {
                return fromRaster;
            }
            throw new UndecodableImageException(file + " cannot be decoded: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new UndecodableImageException(file + " is not an image in a format Java can read", null);
        }
        try {
            return toRgb(image);
        } catch (RuntimeException e) {
            throw new UndecodableImageException(file + " has an unsupported pixel layout: " + e.getMessage(), e);
        }
    }

    public static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int colorSpace = model.getColorSpace().getType();
        if (model instanceof ComponentColorModel && colorSpace == ColorSpace.TYPE_CMYK && raster.getNumBands() == 4) {
            return fromCmyk(raster, w, h);
        }
        if (model instanceof ComponentColorModel && colorSpace == ColorSpace.TYPE_GRAY) {
            // Raw grey values: getRGB would pass them through a linear-to-sRGB curve and brighten them.
            return fromBands(raster, w, h, new int[] {0, 0, 0}, model.getComponentSize(0));
        }
        if (model instanceof ComponentColorModel && raster.getNumBands() >= 3) {
            return fromBands(raster, w, h, new int[] {0, 1, 2}, model.getComponentSize(0));
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[3 * w * h];
        for (int i = 0; i < argb.length; i++) {
            out[3 * i] = (byte) (argb[i] >> 16);
            out[3 * i + 1] = (byte) (argb[i] >> 8);
            out[3 * i + 2] = (byte) argb[i];
        }
        return new RgbImage(w, h, out);
    }

    /** For runtimes whose ImageIO.read rejects CMYK/YCCK JPEGs: read the raster without colour conversion. */
    static RgbImage decodeRaster(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                Raster raster = reader.readRaster(0, null);
                int w = raster.getWidth();
                int h = raster.getHeight();
                return switch (raster.getNumBands()) {
                    case 4 -> fromCmyk(raster, w, h);
                    case 3 -> fromBands(raster, w, h, new int[] {0, 1, 2}, 8);
                    case 1 -> fromBands(raster, w, h, new int[] {0, 0, 0}, 8);
                    default -> null;
                };
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static RgbImage fromCmyk(Raster raster, int w, int h) {
        int[] cmyk = raster.getPixels(0, 0, w, h, (int[]) null);
        byte[] out = new byte[3 * w * h];
        for (int i = 0, p = 0; i < w * h; i++, p += 4) {
            int k = 255 - cmyk[p + 3];
            out[3 * i] = (byte) Math.round((255 - cmyk[p]) * k / 255.0);
            out[3 * i + 1] = (byte) Math.round((255 - cmyk[p + 1]) * k / 255.0);
            out[3 * i + 2] = (byte) Math.round((255 - cmyk[p + 2]) * k / 255.0);
        }
        return new RgbImage(w, h, out);
    }

    private static RgbImage fromBands(Raster raster, int w, int h, int[] bands, int bits) {
        int shift = Math.max(0, bits - 8);
        byte[] out = new byte[3 * w * h];
        int[] row = new int[w * raster.getNumBands()];
        int n = raster.getNumBands();
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int o = 3 * (y * w + x);
                out[o] = (byte) (row[x * n + bands[0]] >> shift);
                out[o + 1] = (byte) (row[x * n + bands[1]] >> shift);
                out[o + 2] = (byte) (row[x * n + bands[2]] >> shift);
            }
        }
        return new RgbImage(w, h, out);
    }
}
