package org.ivit.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.ivit.data.LabeledImage;
import org.ivit.data.PreparedImageDataset;
import org.ivit.data.Split;
import org.ivit.data.SplitFile;
import org.ivit.data.augment.ImagePipeline;
import org.ivit.train.EpochSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's thread count and prefetch, and that the batches do not depend on them. */
class LoaderThreadsTest {
    @TempDir Path dataDir;

    @Test
    void defaultsToEveryCoreButOneAndAtLeastOne() {
        assertEquals(15, LoaderThreads.of(k -> null, 16).count());
        assertEquals(1, LoaderThreads.of(k -> null, 2).count());
        assertEquals(1, LoaderThreads.of(k -> null, 1).count());
    }

    @Test
    void theEnvironmentOverridesAndBadValuesAreNamed() {
        assertEquals(6, LoaderThreads.of(Map.of(LoaderThreads.ENV, "6")::get, 16).count());
        IllegalArgumentException word =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LoaderThreads.of(Map.of(LoaderThreads.ENV, "many")::get, 16));
        assertTrue(
                word.getMessage().contains("IVIT_LOADER_THREADS")
                        && word.getMessage().contains("many"),
                word.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> LoaderThreads.of(Map.of(LoaderThreads.ENV, "0")::get, 16));
    }

    @Test
    void prefetchesAtLeastOneBatchPerThreadAndDjlsTwo() {
        assertEquals(2, new LoaderThreads(1).prefetch());
        assertEquals(15, new LoaderThreads(15).prefetch());
    }

    @Test
    void oneThreadAndFourThreadsGiveIdenticalAugmentedBatches() throws Exception {
        prepare(24);
        List<float[]> one = batches(1);
        List<float[]> four = batches(4);
        assertEquals(6, one.size());
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), four.get(i), "batch " + i);
        }
        assertFalse(
                Arrays.equals(one.get(0), one.get(1)),
                "the batches must differ, or the comparison proves nothing");
    }

    /**
     * Images and labels of one training epoch, each batch flattened, from a loader with this many
     * threads.
     */
    private List<float[]> batches(int threads) throws Exception {
        LoaderThreads loader = new LoaderThreads(threads);
        PreparedImageDataset train =
                PreparedImageDataset.builder()
                        .optDataDir(dataDir)
                        .setDataset("toy")
                        .setSplit(Split.TRAIN)
                        .optTransform(ImagePipeline.train(24, true))
                        .optSeed(1234)
                        .setSampling(4, false)
                        .optPrefetchNumber(loader.prefetch())
                        .build();
        train.setEpoch(1);
        ExecutorService pool = Executors.newFixedThreadPool(loader.count());
        List<float[]> out = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Batch batch : train.getData(manager, EpochSampler.training(4, 1234, 1, 6), pool)) {
                try (batch) {
                    float[] images = batch.getData().head().toFloatArray();
                    long[] labels = batch.getLabels().head().toLongArray();
                    float[] both = Arrays.copyOf(images, images.length + labels.length);
                    for (int j = 0; j < labels.length; j++) {
                        both[images.length + j] = labels[j];
                    }
                    out.add(both);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /**
     * A prepared dataset "toy" of gradient JPEGs (so crops, flips and RandAugment change the
     * pixels), 3 classes.
     */
    private void prepare(int count) throws IOException {
        Path root = dataDir.resolve("toy");
        Files.createDirectories(root.resolve("img"));
        List<LabeledImage> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(40 + i, 30 + 2 * i, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    image.setRGB(
                            x,
                            y,
                            ((x * 6 + i * 9) & 255) << 16
                                    | ((y * 7) & 255) << 8
                                    | ((x * y + i) & 255));
                }
            }
            String path = String.format("img/%04d.jpg", i);
            ImageIO.write(image, "jpg", root.resolve(path).toFile());
            rows.add(new LabeledImage(path, i % 3));
        }
        Files.writeString(root.resolve("classes.txt"), "a\nb\nc\n");
        SplitFile.write(root.resolve("splits/train.csv"), rows);
        SplitFile.write(root.resolve("splits/val.csv"), rows.subList(0, 3));
        SplitFile.write(root.resolve("splits/test.csv"), rows.subList(0, 3));
        Files.writeString(root.resolve("PREPARED.json"), "{\"protocol\": \"official\"}");
    }
}
