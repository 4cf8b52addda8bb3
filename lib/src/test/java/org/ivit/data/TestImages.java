package org.ivit.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/**
 * Tiny images for tests: colour and grey JPEGs, a real CMYK JPEG (made by ImageMagick), a corrupt
 * file.
 */
public final class TestImages {
    private TestImages() {}

    /** A solid-colour RGB JPEG. */
    public static byte[] jpeg(int width, int height, int r, int g, int b) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return encode(image, "jpg");
    }

    /** A solid grey single-channel JPEG. */
    public static byte[] greyJpeg(int width, int height, int value) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, value);
            }
        }
        return encode(image, "jpg");
    }

    /** A single-channel PNG (lossless, so exact values can be checked). */
    public static byte[] greyPng(int width, int height, int value) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, value);
            }
        }
        return encode(image, "png");
    }

    /**
     * 16×16 CMYK JPEG of rgb(200, 40, 30) written by ImageMagick 6 ("-colorspace CMYK"): Adobe
     * APP14 marker, YCCK transform, inverted values, as Photoshop writes them.
     */
    public static byte[] cmykJpeg() {
        try (InputStream in = TestImages.class.getResourceAsStream("cmyk-adobe.jpg")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An RGB JPEG of random pixels (seeded), so its scan data is long and a cut through it loses
     * rows.
     */
    public static byte[] noisyJpeg(int width, int height, long seed) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return encode(image, "jpg");
    }

    /**
     * Where the entropy-coded data of a baseline JPEG begins: just after its start-of-scan (FFDA)
     * segment.
     */
    public static int scanData(byte[] jpeg) {
        for (int i = 2; i + 3 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xda) {
                return i + 2 + ((jpeg[i + 2] & 0xff) << 8 | (jpeg[i + 3] & 0xff));
            }
        }
        throw new IllegalArgumentException("no start-of-scan marker");
    }

    public static byte[] corrupt() {
        return "this is not a JPEG, just text".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
