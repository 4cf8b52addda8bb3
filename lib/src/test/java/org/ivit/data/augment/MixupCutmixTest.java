package org.ivit.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** timm-style batch Mixup/CutMix: soft targets, smoothing, lambda, boxes, odd batches, seeds. */
class MixupCutmixTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Sample i is filled with the value i. */
    private NDArray batch(int b, int h, int w) {
        float[] values = new float[b * 3 * h * w];
        for (int i = 0; i < values.length; i++) {
            values[i] = i / (3 * h * w);
        }
        return manager.create(values, new Shape(b, 3, h, w));
    }

    private NDArray labels(long... values) {
        return manager.create(values);
    }

    @Test
    void withoutMixingTargetsAreSmoothedOneHot() {
        MixupCutmix mix = new MixupCutmix(new MixupCutmix.Config(0.8, 1.0, 0.0, 0.5, 0.1, 10));
        MixedBatch out = mix.apply(batch(4, 4, 4), labels(0, 3, 3, 9), new Random(1));
        assertEquals(MixedBatch.Mode.NONE, out.mode());
        assertEquals(new Shape(4, 10), out.targets().getShape());
        float[] t = out.targets().toFloatArray();
        assertEquals(0.91f, t[0], 1e-6f);
        assertEquals(0.01f, t[1], 1e-6f);
        assertEquals(0.91f, t[10 + 3], 1e-6f);
        assertRowsSumToOne(out.targets(), 4);
    }

    @Test
    void mixupBlendsWithTheFlippedBatch() {
        MixupCutmix mix = new MixupCutmix(new MixupCutmix.Config(0.8, 0.0, 1.0, 0.5, 0.0, 4));
        MixedBatch out = mix.apply(batch(2, 2, 2), labels(1, 2), new Random(3));
        assertEquals(MixedBatch.Mode.MIXUP, out.mode());
        double lambda = out.lambda();
        assertTrue(lambda > 0 && lambda < 1);
        float[] images = out.images().toFloatArray();
        assertEquals(
                (float) (1 - lambda),
                images[0],
                1e-5f); // sample 0 (value 0) mixed with sample 1 (value 1)
        assertEquals((float) lambda, images[12], 1e-5f);
        float[] t = out.targets().toFloatArray();
        assertEquals((float) lambda, t[1], 1e-6f);
        assertEquals((float) (1 - lambda), t[2], 1e-6f);
        assertRowsSumToOne(out.targets(), 2);
    }

    @Test
    void cutmixBoxAreaMatchesLambda() {
        MixupCutmix mix = new MixupCutmix(new MixupCutmix.Config(0.0, 1.0, 1.0, 0.5, 0.1, 5));
        for (int seed = 0; seed < 20; seed++) {
            MixedBatch out = mix.apply(batch(4, 8, 10), labels(0, 1, 2, 3), new Random(seed));
            assertEquals(MixedBatch.Mode.CUTMIX, out.mode());
            MixedBatch.CutBox box = out.box();
            assertEquals(1.0 - box.area() / 80.0, out.lambda(), 1e-12);
            float[] images = out.images().toFloatArray();
            int pasted = 0;
            for (int i = 0; i < 80; i++) {
                if (images[i] == 3f) { // sample 0, channel 0, now from sample 3
                    pasted++;
                }
            }
            assertEquals(box.area(), pasted);
            assertRowsSumToOne(out.targets(), 4);
        }
    }

    @Test
    void lambdaStaysInBoundsAndTheAuthorsProbabilityIsRespected() {
        MixupCutmix mix = new MixupCutmix(MixupCutmix.Config.authors(3));
        Random random = new Random(42);
        int mixed = 0;
        for (int i = 0; i < 400; i++) {
            MixedBatch out = mix.apply(batch(2, 2, 2), labels(0, 1), random);
            assertTrue(out.lambda() >= 0 && out.lambda() <= 1);
            if (out.mode() != MixedBatch.Mode.NONE) {
                mixed++;
            }
            out.images().close();
            out.targets().close();
        }
        assertTrue(mixed > 15 && mixed < 70, "mixed " + mixed + " of 400 with prob 0.1");
    }

    @Test
    void oddBatchIsNotMixed() {
        MixupCutmix mix = new MixupCutmix(new MixupCutmix.Config(0.8, 1.0, 1.0, 0.5, 0.1, 3));
        NDArray images = batch(3, 2, 2);
        MixedBatch out = mix.apply(images, labels(0, 1, 2), new Random(1));
        assertEquals(MixedBatch.Mode.SKIPPED_ODD_BATCH, out.mode());
        assertNull(out.box());
        assertArrayEquals(images.toFloatArray(), out.images().toFloatArray());
        assertEquals(0.9f + 0.1f / 3, out.targets().toFloatArray()[0], 1e-6f);
    }

    @Test
    void sameSeedSameBatch() {
        MixupCutmix mix = new MixupCutmix(new MixupCutmix.Config(0.8, 1.0, 1.0, 0.5, 0.1, 4));
        NDArray images = batch(4, 6, 6);
        MixedBatch a = mix.apply(images, labels(0, 1, 2, 3), new Random(8));
        MixedBatch b = mix.apply(images, labels(0, 1, 2, 3), new Random(8));
        assertEquals(a.mode(), b.mode());
        assertArrayEquals(a.images().toFloatArray(), b.images().toFloatArray());
        assertArrayEquals(a.targets().toFloatArray(), b.targets().toFloatArray());
    }

    @Test
    void betaSamplesHaveTheRightMean() {
        Random random = new Random(1);
        BetaDistribution beta = new BetaDistribution(0.8, 0.8);
        double sum = 0;
        for (int i = 0; i < 20000; i++) {
            double v = beta.sample(random);
            assertTrue(v >= 0 && v <= 1);
            sum += v;
        }
        assertEquals(0.5, sum / 20000, 0.01);
        BetaDistribution skewed = new BetaDistribution(2, 6);
        double mean = 0;
        for (int i = 0; i < 20000; i++) {
            mean += skewed.sample(random) / 20000;
        }
        assertEquals(0.25, mean, 0.01);
    }

    private static void assertRowsSumToOne(NDArray targets, int rows) {
        float[] t = targets.toFloatArray();
        int n = t.length / rows;
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < n; c++) {
                sum += t[r * n + c];
            }
            assertEquals(1.0, sum, 1e-5);
        }
    }

    /**
     * apply draws mode, lambda and box, then mixes exactly as mix does with those draws (the path
     * fidelity checks use).
     */
    @Test
    void applyMixesAsMixWithTheSameDraws() {
        MixupCutmix mix = new MixupCutmix(new MixupCutmix.Config(0.8, 1.0, 1.0, 0.5, 0.1, 5));
        NDArray images = manager.randomNormal(new Shape(4, 3, 6, 8));
        NDArray labels = labels(0, 1, 2, 3);
        boolean sawMixup = false;
        boolean sawCutmix = false;
        for (int seed = 0; seed < 12; seed++) {
            MixedBatch drawn = mix.apply(images, labels, new Random(seed));
            MixedBatch given = mix.mix(images, labels, drawn.mode(), drawn.lambda(), drawn.box());
            assertArrayEquals(drawn.images().toFloatArray(), given.images().toFloatArray(), 0f);
            assertArrayEquals(drawn.targets().toFloatArray(), given.targets().toFloatArray(), 0f);
            assertEquals(drawn.lambda(), given.lambda());
            sawMixup |= drawn.mode() == MixedBatch.Mode.MIXUP;
            sawCutmix |= drawn.mode() == MixedBatch.Mode.CUTMIX;
        }
        assertTrue(sawMixup && sawCutmix, "both modes drawn");
    }
}
