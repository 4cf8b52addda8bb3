package org.ivit.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Known values of the deterministic ops, and reproducibility of the random ones. */
class ImageOpsTest {
    /** A w×h image whose pixel (x, y) is (v, v, v) with v = values[y·w + x]. */
    private static RgbImage grey(int w, int h, int... values) {
        byte[] p = new byte[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            p[3 * i] = p[3 * i + 1] = p[3 * i + 2] = (byte) values[i];
        }
        return new RgbImage(w, h, p);
    }

    private static int[] channel0(RgbImage image) {
        int[] out = new int[image.width() * image.height()];
        for (int i = 0; i < out.length; i++) {
            out[i] = image.pixels()[3 * i] & 0xff;
        }
        return out;
    }

    private static RgbImage random(int w, int h, long seed) {
        byte[] p = new byte[3 * w * h];
        new Random(seed).nextBytes(p);
        return new RgbImage(w, h, p);
    }

    @Test
    void flipMirrorsRows() {
        assertArrayEquals(
                new int[] {3, 2, 1, 6, 5, 4},
                channel0(grey(3, 2, 1, 2, 3, 4, 5, 6).flipHorizontal()));
        RgbImage image = grey(3, 2, 1, 2, 3, 4, 5, 6);
        assertArrayEquals(
                channel0(image),
                channel0(new RandomHorizontalFlip(0.0).apply(image, new Random(1))));
        assertArrayEquals(
                new int[] {3, 2, 1, 6, 5, 4},
                channel0(new RandomHorizontalFlip(1.0).apply(image, new Random(1))));
    }

    @Test
    void solarizeInvertsValuesAtOrAboveThreshold() {
        RgbImage out = ColorOps.solarize(grey(4, 1, 0, 128, 178, 179), 178.5);
        assertArrayEquals(new int[] {0, 128, 178, 76}, channel0(out));
        assertArrayEquals(
                new int[] {255, 127, 77, 76},
                channel0(ColorOps.solarize(grey(4, 1, 0, 128, 178, 179), 0)));
    }

    @Test
    void posterizeKeepsTopBits() {
        assertArrayEquals(
                new int[] {0, 254, 128, 6},
                channel0(ColorOps.posterize(grey(4, 1, 1, 255, 129, 7), 7)));
        assertArrayEquals(
                new int[] {0, 240, 128, 0},
                channel0(ColorOps.posterize(grey(4, 1, 1, 255, 129, 7), 4)));
    }

    @Test
    void brightnessContrastAndColorBlendAndTruncate() {
        assertArrayEquals(
                new int[] {0, 50, 127, 100},
                channel0(ColorOps.brightness(grey(4, 1, 0, 100, 254, 200), 0.5)));
        assertArrayEquals(
                new int[] {0, 127, 255, 254},
                channel0(ColorOps.brightness(grey(4, 1, 0, 100, 254, 200), 1.27)));
        // Mean luma 100: factor 0 gives flat 100, factor 2 doubles the distance from it.
        assertArrayEquals(
                new int[] {100, 100}, channel0(ColorOps.contrast(grey(2, 1, 50, 150), 0.0)));
        assertArrayEquals(
                new int[] {0, 200}, channel0(ColorOps.contrast(grey(2, 1, 50, 150), 2.0)));
        RgbImage red = new RgbImage(1, 1, new byte[] {(byte) 200, 40, 30});
        RgbImage desaturated = ColorOps.color(red, 0.0);
        int luma = ColorOps.luma(200, 40, 30);
        assertEquals(luma, desaturated.get(0, 0, 0));
        assertEquals(luma, desaturated.get(0, 0, 2));
        assertArrayEquals(red.pixels(), ColorOps.color(red, 1.0).pixels());
    }

    @Test
    void autocontrastStretchesAndEqualizeFlattens() {
        assertArrayEquals(
                new int[] {0, 127, 255},
                channel0(ColorOps.autocontrast(grey(3, 1, 100, 125, 150))));
        assertArrayEquals(new int[] {7, 7}, channel0(ColorOps.autocontrast(grey(2, 1, 7, 7))));
        // Four values, 256 pixels each: step = (1024 − 256) // 256 = 3, so Pillow maps them to 0,
        // 85, 171, 255.
        int[] values = new int[1024];
        for (int i = 0; i < 1024; i++) {
            values[i] = new int[] {10, 20, 30, 40}[i / 256];
        }
        int[] out = channel0(ColorOps.equalize(grey(32, 32, values)));
        assertEquals(0, out[0]);
        assertEquals(85, out[256]);
        assertEquals(171, out[512]);
        assertEquals(255, out[768]);
        // 256 pixels: step = 192 // 256 = 0, so Pillow leaves the image as it is.
        assertArrayEquals(
                java.util.Arrays.copyOf(values, 256),
                channel0(ColorOps.equalize(grey(16, 16, java.util.Arrays.copyOf(values, 256)))));
        assertArrayEquals(new int[] {9, 9}, channel0(ColorOps.equalize(grey(2, 1, 9, 9))));
    }

    @Test
    void sharpnessKeepsBordersAndZeroMeansSmooth() {
        RgbImage image = grey(3, 3, 0, 0, 0, 0, 130, 0, 0, 0, 0);
        int[] smooth = channel0(ColorOps.sharpness(image, 0.0));
        assertEquals(50, smooth[4]); // 5·130/13
        assertEquals(0, smooth[0]);
        assertArrayEquals(channel0(image), channel0(ColorOps.sharpness(image, 1.0)));
    }

    @Test
    void rotateByRightAngleMatchesRot90() {
        RgbImage image = grey(3, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        // Counter-clockwise: the right column becomes the top row.
        assertArrayEquals(
                new int[] {3, 6, 9, 2, 5, 8, 1, 4, 7}, channel0(AffineWarp.rotate(image, 90)));
        assertArrayEquals(
                new int[] {9, 8, 7, 6, 5, 4, 3, 2, 1}, channel0(AffineWarp.rotate(image, 180)));
    }

    @Test
    void translateAndShearMoveContentAndFillBlack() {
        RgbImage image = grey(3, 2, 1, 2, 3, 4, 5, 6);
        assertArrayEquals(
                new int[] {0, 1, 2, 0, 4, 5}, channel0(AffineWarp.translate(image, 1, 0)));
        assertArrayEquals(
                new int[] {4, 5, 6, 0, 0, 0}, channel0(AffineWarp.translate(image, 0, -1)));
        // Shear x by 1 about the top-left corner; Pillow maps pixel centres, so row y samples
        // floor(x + y + 1).
        assertArrayEquals(new int[] {2, 3, 0, 6, 0, 0}, channel0(AffineWarp.shearX(image, 1.0)));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, channel0(AffineWarp.shearX(image, 0.0)));
    }

    @Test
    void randAugmentMagnitudesAreTorchvisionsAtBinNine() {
        RandAugment ra = new RandAugment();
        assertEquals(0.09, ra.magnitudeOf(RandAugment.Op.SHEAR_X, 224, 224), 1e-12);
        assertEquals(9.0, ra.magnitudeOf(RandAugment.Op.ROTATE, 224, 224), 1e-12);
        assertEquals(
                150.0 / 331.0 * 224 * 0.3,
                ra.magnitudeOf(RandAugment.Op.TRANSLATE_X, 224, 100),
                1e-9);
        assertEquals(
                150.0 / 331.0 * 100 * 0.3,
                ra.magnitudeOf(RandAugment.Op.TRANSLATE_Y, 224, 100),
                1e-9);
        assertEquals(0.27, ra.magnitudeOf(RandAugment.Op.BRIGHTNESS, 224, 224), 1e-12);
        assertEquals(7, ra.magnitudeOf(RandAugment.Op.POSTERIZE, 224, 224));
        assertEquals(178.5, ra.magnitudeOf(RandAugment.Op.SOLARIZE, 224, 224), 1e-12);
        assertEquals(4, new RandAugment(2, 30, 31).magnitudeOf(RandAugment.Op.POSTERIZE, 1, 1));
        assertEquals(8, new RandAugment(2, 0, 31).magnitudeOf(RandAugment.Op.POSTERIZE, 1, 1));
    }

    @Test
    void sameSeedSameOutputAndInputUntouched() {
        RgbImage image = random(24, 20, 3);
        byte[] before = image.pixels().clone();
        ImagePipeline pipeline = ImagePipeline.train(16, true);
        RgbImage a = pipeline.apply(image, new Random(11));
        RgbImage b = pipeline.apply(image, new Random(11));
        assertArrayEquals(a.pixels(), b.pixels());
        assertArrayEquals(before, image.pixels());
        assertEquals(16, a.width());
        boolean differs = false;
        for (long seed = 12; seed < 20 && !differs; seed++) {
            differs =
                    !java.util.Arrays.equals(
                            a.pixels(), pipeline.apply(image, new Random(seed)).pixels());
        }
        assertTrue(differs);
    }

    @Test
    void randomResizedCropBoxesStayInsideWithBoundedAreaAndRatio() {
        RandomResizedCrop crop = new RandomResizedCrop(8);
        Random random = new Random(5);
        for (int i = 0; i < 500; i++) {
            RandomResizedCrop.Box box = crop.sampleBox(100, 60, random);
            assertTrue(
                    box.top() >= 0
                            && box.left() >= 0
                            && box.top() + box.height() <= 60
                            && box.left() + box.width() <= 100);
            double area = (double) box.width() * box.height() / 6000;
            assertTrue(area <= 1.0 + 1e-9 && area >= 0.08 * 0.8, "area " + area);
        }
        // Ten failures in a row (a 1×1000 strip) fall back to the centred crop of ratio 3/4.
        RandomResizedCrop.Box fallback = crop.sampleBox(1000, 1, new Random(1));
        assertEquals(new RandomResizedCrop.Box(0, 499, 1, 1), fallback);
        assertEquals(
                crop.sampleBox(100, 60, new Random(9)), crop.sampleBox(100, 60, new Random(9)));
    }

    @Test
    void resizeKeepsFlatImagesFlatAndAveragesWhenShrinking() {
        RgbImage flat = grey(10, 10, new int[100]);
        java.util.Arrays.fill(flat.pixels(), (byte) 93);
        for (Interpolation f : Interpolation.values()) {
            RgbImage out = Resize.to(flat, 7, 3, f);
            for (byte b : out.pixels()) {
                assertEquals(93, b & 0xff, f.name());
            }
        }
        // 2×1 stripes of 0 and 200 shrunk to one pixel average to 100 (bilinear with antialias).
        assertEquals(100, Resize.to(grey(2, 1, 0, 200), 1, 1, Interpolation.BILINEAR).get(0, 0, 0));
        RgbImage cropped = new CenterCrop(4).apply(grey(2, 2, 1, 2, 3, 4), new Random(1));
        assertArrayEquals(
                new int[] {0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0}, channel0(cropped));
        RgbImage resized =
                new ResizeShortSide(4, Interpolation.BICUBIC)
                        .apply(grey(10, 5, new int[50]), new Random(1));
        assertEquals(8, resized.width());
        assertEquals(4, resized.height());
        assertNotEquals(0, ImagePipeline.eval(224, 0.9).steps().size());
        assertFalse(
                ImagePipeline.train(224, false).steps().stream()
                        .anyMatch(s -> s instanceof RandAugment));
    }

    @Test
    void toChwNormalises() {
        RgbImage image = new RgbImage(2, 1, new byte[] {(byte) 255, 0, 0, 0, (byte) 255, 0});
        float[] chw = image.toChw(Normalization.INCEPTION);
        assertArrayEquals(new float[] {1, -1, -1, 1, -1, -1}, chw, 1e-6f);
    }

    /**
     * torchvision's centre crop rounds (side − size)/2 half to even: 1.5 → 2, 4.5 → 4, 11.5 → 12
     * (floor would give 1, 4, 11).
     */
    @Test
    void centreCropOffsetsRoundHalfToEven() {
        assertEquals(2, CenterCrop.offset(35, 32));
        assertEquals(4, CenterCrop.offset(73, 64));
        assertEquals(12, CenterCrop.offset(87, 64));
        assertEquals(0, CenterCrop.offset(64, 64));
        RgbImage image = RgbImage.blank(87, 64);
        image.pixels()[3 * 12] = (byte) 200; // column 12 of row 0 becomes the crop's first pixel
        assertEquals(200, new CenterCrop(64).apply(image, new Random(0)).get(0, 0, 0));
    }
}
