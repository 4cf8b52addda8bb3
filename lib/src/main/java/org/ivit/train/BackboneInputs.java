package org.ivit.train;

import java.util.ArrayList;
import java.util.List;
import org.ivit.data.augment.ImagePipeline;
import org.ivit.data.augment.ImageTransform;
import org.ivit.data.augment.Normalization;
import org.ivit.data.augment.RandAugment;
import org.ivit.data.augment.RandomHorizontalFlip;

/** How images reach the backbone in a run: one place for training, evaluation and the probes. */
final class BackboneInputs {
    /** timm's augreg ViT-B/16 was trained with mean = std = 0.5 inputs. */
    static final Normalization NORMALIZATION = Normalization.INCEPTION;

    private BackboneInputs() {}

    /**
     * Paper: RandomResizedCrop, flip and (optionally) RandAugment, as timm's recipe. Quick: the
     * 28-pixel Fashion-MNIST images are only resized and flipped; a 0.08-scale crop of them leaves
     * too little to learn from in a few epochs.
     */
    static ImagePipeline train(ExperimentConfig cfg) {
        if (!cfg.profile().equals(Profiles.QUICK)) {
            return ImagePipeline.train(cfg.imageSize(), cfg.randAugment());
        }
        List<ImageTransform> steps = new ArrayList<>(eval(cfg).steps());
        steps.add(new RandomHorizontalFlip());
        if (cfg.randAugment()) {
            steps.add(new RandAugment());
        }
        return new ImagePipeline(steps);
    }

    /** Resize and centre crop: the whole image in the quick profile, timm's crop_pct 0.9 otherwise. */
    static ImagePipeline eval(ExperimentConfig cfg) {
        return ImagePipeline.eval(cfg.imageSize(), cfg.profile().equals(Profiles.QUICK) ? 1.0 : 0.9);
    }
}
