package org.ivit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.ivit.data.augment.ImagePipeline;
import org.ivit.data.augment.Normalization;
import org.ivit.data.augment.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DJL dataset over the prepared layout: records, decoding, bad images, and the not-prepared
 * message.
 */
class PreparedImageDatasetTest {
    @TempDir Path dataDir;

    /**
     * Writes a prepared dataset "toy" whose train split holds the given images, labels cycling over
     * 2 classes.
     */
    private void prepareToy(List<byte[]> images) throws IOException {
        Path root = dataDir.resolve("toy");
        Files.createDirectories(root.resolve("img"));
        List<LabeledImage> rows = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            String path = String.format("img/%04d.jpg", i);
            Files.write(root.resolve(path), images.get(i));
            rows.add(new LabeledImage(path, i % 2));
        }
        Files.writeString(root.resolve("classes.txt"), "cat\ndog\n");
        SplitFile.write(root.resolve("splits/train.csv"), rows);
        SplitFile.write(root.resolve("splits/val.csv"), rows.subList(0, 1));
        SplitFile.write(root.resolve("splits/test.csv"), rows.subList(0, 1));
        Files.writeString(root.resolve("PREPARED.json"), "{\"protocol\": \"official\"}");
    }

    private PreparedImageDataset.Builder builder() {
        return PreparedImageDataset.builder()
                .optDataDir(dataDir)
                .setDataset("toy")
                .setSplit(Split.TRAIN)
                .optTransform(ImagePipeline.eval(16, 1.0))
                .setSampling(4, false);
    }

    @Test
    void recordIsNormalisedChwFloatAndInt64Label() throws IOException {
        prepareToy(List.of(rgbPng(20, 12, 200, 40, 30), rgbPng(12, 20, 10, 20, 30)));
        PreparedImageDataset dataset = builder().optNormalization(Normalization.CLIP).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Record record = dataset.get(manager, 0);
            NDArray image = record.getData().singletonOrThrow();
            NDArray label = record.getLabels().singletonOrThrow();
            assertEquals(new Shape(3, 16, 16), image.getShape());
            assertEquals(DataType.FLOAT32, image.getDataType());
            assertEquals(new Shape(), label.getShape());
            assertEquals(DataType.INT64, label.getDataType());
            assertEquals(0L, label.getLong());
            float[] values = image.toFloatArray();
            float[] mean = Normalization.CLIP.mean();
            float[] std = Normalization.CLIP.std();
            int[] rgb = {200, 40, 30};
            for (int c = 0; c < 3; c++) {
                assertEquals((rgb[c] / 255f - mean[c]) / std[c], values[c * 256 + 77], 1e-5);
            }
            assertEquals(1L, dataset.get(manager, 1).getLabels().singletonOrThrow().getLong());
        }
        assertEquals(List.of("cat", "dog"), dataset.classNames());
        assertEquals(2, dataset.size());
    }

    @Test
    void greyBecomesThreeEqualChannelsAndCmykIsConverted() throws IOException {
        prepareToy(List.of(TestImages.greyPng(8, 8, 77), TestImages.cmykJpeg()));
        PreparedImageDataset dataset = builder().build();
        RgbImage grey = dataset.image(0);
        assertEquals(77, grey.get(3, 3, 0));
        assertEquals(77, grey.get(3, 3, 1));
        assertEquals(77, grey.get(3, 3, 2));
        RgbImage cmyk = dataset.image(1);
        assertEquals(200, cmyk.get(8, 8, 0), 8);
        assertEquals(40, cmyk.get(8, 8, 1), 8);
        assertEquals(30, cmyk.get(8, 8, 2), 8);
        assertEquals(0, dataset.badImages().count());
    }

    @Test
    void rasterFallbackDecodesCmykToo() throws Exception {
        RgbImage cmyk = ImageDecoder.decodeRaster(TestImages.cmykJpeg(), "cmyk.jpg");
        assertEquals(200, cmyk.get(8, 8, 0), 8);
        assertEquals(40, cmyk.get(8, 8, 1), 8);
    }

    @Test
    void aCorruptImageIsSkippedNamedAndCounted() throws Exception {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            images.add(i == 37 ? TestImages.corrupt() : TestImages.jpeg(6, 6, i, 0, 0));
        }
        prepareToy(images);
        PreparedImageDataset dataset = builder().setSampling(16, false).build();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        int seen = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Batch batch : dataset.getData(manager, executor)) {
                NDArray x = batch.getData().singletonOrThrow();
                assertEquals(3, x.getShape().get(1));
                assertEquals(16, x.getShape().get(3));
                assertEquals(
                        x.getShape().get(0),
                        batch.getLabels().singletonOrThrow().getShape().get(0));
                seen += (int) x.getShape().get(0);
                batch.close();
            }
        } finally {
            executor.shutdownNow();
        }
        assertEquals(150, seen);
        assertEquals(1, dataset.badImages().count());
        assertTrue(dataset.badImages().reasons().containsKey("img/0037.jpg"));
        // The substitute is the next image, with its own label.
        assertEquals("img/0038.jpg", dataset.sample(37).path());
        assertEquals(0, dataset.sample(37).label());
    }

    /**
     * A JPEG cut short (an interrupted download) is a counted, named bad image, not a silently
     * partial one.
     */
    @Test
    void aTruncatedJpegIsSkippedNamedAndCounted() throws Exception {
        byte[] whole = TestImages.noisyJpeg(48, 48, 3);
        byte[] cut = Arrays.copyOf(whole, whole.length * 2 / 3);
        assertTrue(
                TestImages.scanData(whole) < cut.length,
                "cut inside the image data, past its start of scan");
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            images.add(i == 12 ? cut : TestImages.jpeg(6, 6, i, 0, 0));
        }
        prepareToy(images);
        PreparedImageDataset dataset = builder().build();
        for (int i = 0; i < 150; i++) {
            dataset.sample(i);
        }
        assertEquals(1, dataset.badImages().count());
        String reason = dataset.badImages().reasons().get("img/0012.jpg");
        assertTrue(
                reason != null && reason.contains("img/0012.jpg") && reason.contains("truncated"),
                String.valueOf(reason));
        assertEquals("img/0013.jpg", dataset.sample(12).path());
    }

    @Test
    void moreThanOnePercentBadFails() throws IOException {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            images.add(i == 3 ? TestImages.corrupt() : TestImages.jpeg(6, 6, i, 0, 0));
        }
        prepareToy(images);
        PreparedImageDataset dataset = builder().build();
        TooManyBadImagesException e =
                assertThrows(TooManyBadImagesException.class, () -> dataset.sample(3));
        assertTrue(e.getMessage().contains("img/0003.jpg"), e.getMessage());
        assertTrue(e.getMessage().contains("data-scripts/prepare toy"), e.getMessage());
    }

    @Test
    void notPreparedGivesTheCommandToRun() {
        DatasetNotPreparedException e =
                assertThrows(DatasetNotPreparedException.class, () -> builder().build());
        assertTrue(
                e.getMessage().contains("data-scripts/prepare toy --data-dir " + dataDir),
                e.getMessage());
    }

    @Test
    void augmentationIsReproduciblePerSeedAndEpoch() throws IOException {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            images.add(rgbPng(40, 30, 0, 0, 0, true));
        }
        prepareToy(images);
        PreparedImageDataset a =
                builder().optTransform(ImagePipeline.train(16, true)).optSeed(5).build();
        PreparedImageDataset b =
                builder().optTransform(ImagePipeline.train(16, true)).optSeed(5).build();
        assertArrayEquals(a.sample(1).chw(), b.sample(1).chw());
        a.setEpoch(1);
        assertFalse(java.util.Arrays.equals(a.sample(1).chw(), b.sample(1).chw()));
        b.setEpoch(1);
        assertArrayEquals(a.sample(1).chw(), b.sample(1).chw());
    }

    private static byte[] rgbPng(int w, int h, int r, int g, int b) throws IOException {
        return rgbPng(w, h, r, g, b, false);
    }

    private static byte[] rgbPng(int w, int h, int r, int g, int b, boolean gradient)
            throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rr = gradient ? (x * 6) % 256 : r;
                int gg = gradient ? (y * 8) % 256 : g;
                int bb = gradient ? ((x * y) % 256) : b;
                image.setRGB(x, y, (rr << 16) | (gg << 8) | bb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
