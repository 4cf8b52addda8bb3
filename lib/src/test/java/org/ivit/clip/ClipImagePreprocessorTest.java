package org.ivit.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.ivit.data.ImageDecoder;
import org.ivit.data.augment.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CLIP preprocessing: Pillow-exact resizing, colour conversions, crops, and clear errors. */
class ClipImagePreprocessorTest {
    @TempDir Path dir;

    private static RgbImage resource(String name) throws IOException {
        try (InputStream in = ClipImagePreprocessorTest.class.getResourceAsStream(name)) {
            return ImageDecoder.toRgb(ImageIO.read(in));
        }
    }

    /**
     * Pillow's own output (see test resources README): every value within one grey level, most
     * exact.
     */
    @ParameterizedTest
    @CsvSource({"38, 24", "159, 100", "97, 40", "13, 8"})
    void resizesAsPillowBicubic(int width, int height) throws IOException {
        RgbImage source = resource("resize-source.png");
        RgbImage pillow = resource("pillow-bicubic-" + width + "x" + height + ".png");
        RgbImage ours = source.resized(width, height);
        int worst = 0;
        int differing = 0;
        for (int i = 0; i < pillow.pixels().length; i++) {
            int d = Math.abs((ours.pixels()[i] & 0xff) - (pillow.pixels()[i] & 0xff));
            worst = Math.max(worst, d);
            differing += d > 0 ? 1 : 0;
        }
        assertTrue(worst <= 1, "largest difference from Pillow: " + worst);
        assertTrue(
                differing <= pillow.pixels().length / 100,
                differing + " values differ from Pillow");
    }

    @Test
    void shortSideGoesToTheImageSizeAndTheLongSideIsTruncated() {
        ClipImagePreprocessor p = new ClipImagePreprocessor(224);
        assertArrayEquals(new int[] {298, 224}, p.resizedSize(500, 375));
        assertArrayEquals(new int[] {224, 298}, p.resizedSize(375, 500));
        assertArrayEquals(new int[] {224, 224}, p.resizedSize(28, 28));
    }

    @Test
    void uniformColourBecomesClipNormalisedValues() {
        BufferedImage image = filled(80, 50, new Color(10, 120, 240), BufferedImage.TYPE_INT_RGB);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray pixels = new ClipImagePreprocessor(32).pixels(manager, image);
            assertArrayEquals(new long[] {3, 32, 32}, pixels.getShape().getShape());
            float[] v = pixels.toFloatArray();
            int[] rgb = {10, 120, 240};
            for (int c = 0; c < 3; c++) {
                float expected =
                        (rgb[c] / 255f - ClipImagePreprocessor.MEAN[c])
                                / ClipImagePreprocessor.STD[c];
                assertEquals(expected, v[c * 32 * 32 + 17], 1e-5, "channel " + c);
            }
        }
    }

    @Test
    void djlCropAgreesWithTheEightBitCrop() {
        BufferedImage image = new BufferedImage(61, 37, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 37; y++) {
            for (int x = 0; x < 61; x++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 6) << 8 | ((x + y) % 7) * 30);
            }
        }
        ClipImagePreprocessor p = new ClipImagePreprocessor(24);
        RgbImage cropped = p.cropped(ImageDecoder.toRgb(image));
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] v = p.pixels(manager, image).toFloatArray();
            for (int y = 0; y < 24; y += 5) {
                for (int x = 0; x < 24; x += 3) {
                    int[] rgb = cropped.rgb(x, y);
                    for (int c = 0; c < 3; c++) {
                        float expected =
                                (rgb[c] / 255f - ClipImagePreprocessor.MEAN[c])
                                        / ClipImagePreprocessor.STD[c];
                        assertEquals(expected, v[(c * 24 + y) * 24 + x], 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void greyJpegIsReplicatedWithoutGammaChange() throws IOException {
        Path file = dir.resolve("grey.jpg");
        ImageIO.write(
                filled(40, 30, new Color(100, 100, 100), BufferedImage.TYPE_BYTE_GRAY),
                "jpeg",
                file.toFile());
        RgbImage image = ImageDecoder.decode(file);
        int[] rgb = image.rgb(20, 15);
        assertEquals(rgb[0], rgb[1]);
        assertEquals(rgb[0], rgb[2]);
        assertEquals(100, rgb[0], 1, "Java's getRGB would brighten linear grey to about 168");
    }

    @Test
    void cmykJpegIsConvertedAsPillowDoes() throws IOException {
        Path file = dir.resolve("cmyk.jpg");
        try (InputStream in = getClass().getResourceAsStream("cmyk.jpg")) {
            Files.copy(in, file);
        }
        int[] rgb = ImageDecoder.decode(file).rgb(10, 10);
        int[] pillow = {205, 44, 125};
        for (int c = 0; c < 3; c++) {
            assertEquals(pillow[c], rgb[c], 3, "channel " + c + " of " + Arrays.toString(rgb));
        }
    }

    /**
     * As Pillow's convert("RGB"): alpha is dropped and the stored colour kept, even where
     * transparent.
     */
    @Test
    void pngAlphaIsDropped() throws IOException {
        BufferedImage image = filled(20, 20, new Color(255, 0, 0, 0), BufferedImage.TYPE_INT_ARGB);
        image.setRGB(3, 3, new Color(0, 0, 255, 128).getRGB());
        Path file = dir.resolve("alpha.png");
        ImageIO.write(image, "png", file.toFile());
        RgbImage rgb = ImageDecoder.decode(file);
        assertArrayEquals(new int[] {255, 0, 0}, rgb.rgb(10, 10));
        assertArrayEquals(new int[] {0, 0, 255}, rgb.rgb(3, 3));
    }

    @Test
    void smallImagesAreEnlarged() throws IOException {
        Path file = dir.resolve("tiny.png");
        ImageIO.write(filled(10, 6, Color.GREEN, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = new ClipImagePreprocessor(224).batch(manager, List.of(file, file));
            assertArrayEquals(new long[] {2, 3, 224, 224}, batch.getShape().getShape());
        }
    }

    @Test
    void unreadableFilesAreNamed() throws IOException {
        Path garbage = Files.write(dir.resolve("garbage.jpg"), "this is not an image".getBytes());
        IOException e = assertThrows(IOException.class, () -> ImageDecoder.decode(garbage));
        assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());

        Path whole = dir.resolve("whole.jpg");
        ImageIO.write(
                filled(64, 64, Color.ORANGE, BufferedImage.TYPE_INT_RGB), "jpeg", whole.toFile());
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated =
                Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(IOException.class, () -> ImageDecoder.decode(truncated));
        assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());

        Path missing = dir.resolve("missing.png");
        e =
                assertThrows(
                        IOException.class,
                        () ->
                                new ClipImagePreprocessor(32)
                                        .batch(NDManager.newBaseManager(), List.of(missing)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    private static BufferedImage filled(int w, int h, Color colour, int type) {
        BufferedImage image = new BufferedImage(w, h, type);
        if (type == BufferedImage.TYPE_INT_ARGB) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    image.setRGB(x, y, colour.getRGB());
                }
            }
            return image;
        }
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }
}
