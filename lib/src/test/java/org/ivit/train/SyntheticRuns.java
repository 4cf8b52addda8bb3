package org.ivit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.List;
import java.util.Random;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.TuningMode;

/**
 * Small learnable data (the class is the brightest quadrant) and quick configs for engine tests.
 */
public final class SyntheticRuns {
    public static final int CLASSES = 4;
    public static final int PROMPT_DIM = 16;

    private SyntheticRuns() {}

    public static RunData data(NDManager manager, int trainSize) {
        return data(manager, trainSize, false);
    }

    /** With {@code poisoned}, training image 0 holds a NaN pixel, as a corrupt input would. */
    public static RunData data(NDManager manager, int trainSize, boolean poisoned) {
        return new RunData(
                split(manager, trainSize, 1, poisoned),
                split(manager, 32, 2, false),
                split(manager, 32, 3, false),
                List.of("top left", "top right", "bottom left", "bottom right"),
                "synthetic",
                () -> 0,
                null,
                epoch -> {});
    }

    private static ArrayDataset split(NDManager manager, int size, long seed, boolean poisoned) {
        Random r = new Random(seed);
        float[] pixels = new float[size * 3 * 32 * 32];
        long[] labels = new long[size];
        for (int i = 0; i < size; i++) {
            int label = r.nextInt(CLASSES);
            labels[i] = label;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        int quadrant = (y / 16) * 2 + x / 16;
                        pixels[((i * 3 + c) * 32 + y) * 32 + x] =
                                (float) r.nextGaussian() * 0.5f + (quadrant == label ? 1.5f : 0f);
                    }
                }
            }
        }
        if (poisoned) {
            pixels[5] = Float.NaN;
        }
        NDArray images = manager.create(pixels, new Shape(size, 3, 32, 32));
        return new ArrayDataset.Builder()
                .setData(images)
                .optLabels(manager.create(labels))
                .setSampling(1, false)
                .build();
    }

    /** A split without images. */
    public static ArrayDataset emptySplit(NDManager manager) {
        return new ArrayDataset.Builder()
                .setData(manager.zeros(new Shape(0, 3, 32, 32)))
                .optLabels(manager.zeros(new Shape(0), ai.djl.ndarray.types.DataType.INT64))
                .setSampling(1, false)
                .build();
    }

    public static float[] promptBank(int seed) {
        Random r = new Random(seed);
        float[] bank = new float[CLASSES * PROMPT_DIM];
        for (int i = 0; i < bank.length; i++) {
            bank[i] = (float) r.nextGaussian();
        }
        return bank;
    }

    public static ExperimentConfig config(Method method, String prompt, TuningMode mode) {
        return Profiles.of(
                        Profiles.QUICK,
                        "fashion_mnist",
                        method,
                        prompt,
                        mode) // a known id, so the results reader accepts the summary
                .with("backboneWeights", null)
                .with("epochs", "2")
                .with("warmupEpochs", "1")
                .with("batchSize", "16")
                .with("microBatch", "8")
                .with("trainLimit", "0")
                .with("valLimit", "0")
                .with("lr", "1e-3")
                // the paper profile's Mixup/CutMix and similarity loss, so the engine tests cover
                // them
                .with("mixup", "true")
                .with("simLoss", "paper")
                // the package's behaviour before the recipes, which the pinned metrics were written
                // with
                .with("promptTokens", "trained")
                .with("trainPromptProj", "false");
    }

    /**
     * The input of an engine run on {@code data} with the prompt bank of seed 5 (ignored by methods
     * without prompts).
     */
    public static RunInput input(ExperimentConfig cfg, RunData data) {
        return new RunInput(
                cfg, data, new PromptFeatures(promptBank(5), PROMPT_DIM), null, provenance());
    }

    /** The input of an engine run of a method without prompts. */
    public static RunInput inputWithoutPrompts(ExperimentConfig cfg, RunData data) {
        return RunInput.withoutPrompts(cfg, data, null, provenance());
    }

    public static RunOrigin provenance() {
        return RunOrigin.ofCommit("test");
    }
}
