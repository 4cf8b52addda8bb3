package org.ivit.train;

import java.util.ArrayList;
import java.util.List;
import org.ivit.data.augment.ImagePipeline;
import org.ivit.data.augment.ImageTransform;
import org.ivit.data.augment.Normalization;
import org.ivit.data.augment.RandAugment;
import org.ivit.data.augment.RandomHorizontalFlip;
import org.ivit.spec.ExperimentConfig;

/** How images reach the backbone in a run: one place for training, evaluation and the probes. */
public final class BackboneInputs {

    private BackboneInputs() {}

    /**
     * With {@code randomResizedCrop}: RandomResizedCrop, flip and (optionally) RandAugment, as
     * timm's recipe (the paper profile). Without: the evaluation's resize and crop, then flip and
     * (optionally) RandAugment (the quick profile: a 0.08-scale crop of a 28-pixel Fashion-MNIST
     * image leaves too little to learn from in a few epochs).
     */
    public static ImagePipeline train(ExperimentConfig cfg) {
        if (cfg.data().randomResizedCrop()) {
            return ImagePipeline.train(cfg.data().imageSize(), cfg.data().randAugment());
        }
        List<ImageTransform> steps = new ArrayList<>(eval(cfg).steps());
        steps.add(new RandomHorizontalFlip());
        if (cfg.data().randAugment()) {
            steps.add(new RandAugment());
        }
        return new ImagePipeline(steps);
    }

    /**
     * Resize (the spec's {@code interpolation}) and centre crop of the spec's {@code evalCrop} (the
     * whole image in the quick profile, the backbone checkpoint's crop_pct in the paper's).
     */
    public static ImagePipeline eval(ExperimentConfig cfg) {
        return ImagePipeline.eval(
                cfg.data().imageSize(), cfg.data().evalCrop(), cfg.data().interpolation());
    }

    /**
     * The mean/std of the spec's {@code normalization}: 0.5/0.5 for timm's augreg ViT-B/16 (and the
     * quick ViT), ImageNet's for most baselines.
     */
    public static Normalization normalization(ExperimentConfig cfg) {
        return Normalization.named(cfg.data().normalization());
    }
}
