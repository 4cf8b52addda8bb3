package org.ivit.data.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Batch-level Mixup and CutMix with timm's semantics in 'batch' mode: once per batch, with
 * probability {@code prob}, mix the batch with itself reversed (sample i with sample B−1−i),
 * choosing CutMix with probability {@code switchProb}; lambda ~ Beta(alpha, alpha). CutMix pastes a
 * box of side √(1−λ) (centre uniform, clipped) and corrects λ to the box's true share. Targets are
 * label-smoothed one-hot vectors mixed with the same λ. Odd batches are not mixed, as in the
 * authors' code. Defaults are the authors' (FACTS §2).
 */
public final class MixupCutmix {
    /** The parameters; {@link #authors(int)} gives the values of the authors' code. */
    public record Config(
            double mixupAlpha,
            double cutmixAlpha,
            double prob,
            double switchProb,
            double labelSmoothing,
            int numClasses) {
        public Config {
            if (numClasses < 1) {
                throw new IllegalArgumentException("numClasses must be positive");
            }
            if (mixupAlpha < 0
                    || cutmixAlpha < 0
                    || prob < 0
                    || prob > 1
                    || switchProb < 0
                    || switchProb > 1
                    || labelSmoothing < 0
                    || labelSmoothing >= 1) {
                throw new IllegalArgumentException("invalid Mixup/CutMix parameters: " + this);
            }
        }

        public static Config authors(int numClasses) {
            return new Config(0.8, 1.0, 0.1, 0.5, 0.1, numClasses);
        }
    }

    private final Config config;

    public MixupCutmix(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /**
     * Mixes {@code images} (B, C, H, W) float32 with integer {@code labels} (B); the results live
     * in the images' manager. The inputs are not modified.
     */
    public MixedBatch apply(NDArray images, NDArray labels, Random random) {
        int batch = (int) labels.getShape().get(0);
        if (batch % 2 != 0) {
            return mix(images, labels, MixedBatch.Mode.SKIPPED_ODD_BATCH, 1.0, null);
        }
        boolean mix =
                (config.mixupAlpha() > 0 || config.cutmixAlpha() > 0)
                        && random.nextDouble() < config.prob();
        if (!mix) {
            return mix(images, labels, MixedBatch.Mode.NONE, 1.0, null);
        }
        boolean cutmix;
        if (config.mixupAlpha() > 0 && config.cutmixAlpha() > 0) {
            cutmix = random.nextDouble() < config.switchProb();
        } else {
            cutmix = config.cutmixAlpha() > 0;
        }
        double alpha = cutmix ? config.cutmixAlpha() : config.mixupAlpha();
        double lambda = new BetaDistribution(alpha, alpha).sample(random);
        if (!cutmix) {
            return mix(images, labels, MixedBatch.Mode.MIXUP, lambda, null);
        }
        int height = (int) images.getShape().get(2);
        int width = (int) images.getShape().get(3);
        return mix(
                images,
                labels,
                MixedBatch.Mode.CUTMIX,
                lambda,
                cutBox(height, width, lambda, random));
    }

    /**
     * Mixes with given draws: what {@link #apply} does once it has drawn them, so a caller with
     * draws from elsewhere (timm's NumPy generator, a recorded run) gets the same mixing. MIXUP
     * blends with weight {@code lambda}; CUTMIX pastes {@code box} from the flipped batch and uses
     * the box's true share as lambda (the drawn {@code lambda} only sized the box); NONE and
     * SKIPPED_ODD_BATCH leave the images as they are.
     */
    public MixedBatch mix(
            NDArray images,
            NDArray labels,
            MixedBatch.Mode mode,
            double lambda,
            MixedBatch.CutBox box) {
        long[] classes = labels.toType(DataType.INT64, false).toLongArray();
        int batch = classes.length;
        if (images.getShape().get(0) != batch) {
            throw new IllegalArgumentException("images and labels disagree on the batch size");
        }
        NDManager manager = images.getManager();
        if (mode == MixedBatch.Mode.NONE || mode == MixedBatch.Mode.SKIPPED_ODD_BATCH) {
            return new MixedBatch(
                    images.duplicate(), targets(manager, classes, 1.0), 1.0, mode, null);
        }
        if (batch % 2 != 0) {
            throw new IllegalArgumentException(
                    "an odd batch of " + batch + " cannot be mixed with itself reversed");
        }
        NDArray flipped = images.flip(0);
        if (mode == MixedBatch.Mode.CUTMIX) {
            int height = (int) images.getShape().get(2);
            int width = (int) images.getShape().get(3);
            if (box == null
                    || box.top() < 0
                    || box.left() < 0
                    || box.bottom() > height
                    || box.right() > width
                    || box.bottom() < box.top()
                    || box.right() < box.left()) {
                throw new IllegalArgumentException(
                        "CutMix box " + box + " does not fit a " + height + "x" + width + " image");
            }
            double corrected = 1.0 - (double) box.area() / ((double) height * width);
            NDArray mixed = images.duplicate();
            if (box.area() > 0) {
                NDIndex region =
                        new NDIndex(
                                ":, :, {}:{}, {}:{}",
                                box.top(),
                                box.bottom(),
                                box.left(),
                                box.right());
                mixed.set(region, flipped.get(region));
            }
            flipped.close();
            return new MixedBatch(
                    mixed,
                    targets(manager, classes, corrected),
                    corrected,
                    MixedBatch.Mode.CUTMIX,
                    box);
        }
        NDArray mixed = images.mul((float) lambda).addi(flipped.muli((float) (1.0 - lambda)));
        flipped.close();
        return new MixedBatch(
                mixed, targets(manager, classes, lambda), lambda, MixedBatch.Mode.MIXUP, null);
    }

    /** timm's rand_bbox: side ratio √(1−λ), centre uniform over the image, clipped to it. */
    public static MixedBatch.CutBox cutBox(int height, int width, double lambda, Random random) {
        int cy = random.nextInt(height);
        int cx = random.nextInt(width);
        return cutBox(height, width, lambda, cy, cx);
    }

    /** rand_bbox with a given centre (row {@code cy}, column {@code cx}). */
    public static MixedBatch.CutBox cutBox(int height, int width, double lambda, int cy, int cx) {
        double ratio = Math.sqrt(1.0 - lambda);
        int cutH = (int) (height * ratio);
        int cutW = (int) (width * ratio);
        int top = clamp(cy - cutH / 2, height);
        int bottom = clamp(cy + cutH / 2, height);
        int left = clamp(cx - cutW / 2, width);
        int right = clamp(cx + cutW / 2, width);
        return new MixedBatch.CutBox(top, bottom, left, right);
    }

    /** λ·smooth(y) + (1−λ)·smooth(flip(y)), with smooth(y) = (1−ε)·onehot(y) + ε/N. */
    NDArray targets(NDManager manager, long[] classes, double lambda) {
        int n = config.numClasses();
        int batch = classes.length;
        double off = config.labelSmoothing() / n;
        double on = 1.0 - config.labelSmoothing() + off;
        float[] values = new float[batch * n];
        for (int i = 0; i < batch; i++) {
            int own = checkedClass(classes[i], n);
            int other = checkedClass(classes[batch - 1 - i], n);
            for (int c = 0; c < n; c++) {
                double a = c == own ? on : off;
                double b = c == other ? on : off;
                values[i * n + c] = (float) (lambda * a + (1.0 - lambda) * b);
            }
        }
        return manager.create(values, new Shape(batch, n));
    }

    private static int checkedClass(long label, int n) {
        if (label < 0 || label >= n) {
            throw new IllegalArgumentException("label " + label + " is outside 0.." + (n - 1));
        }
        return (int) label;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, max));
    }
}
