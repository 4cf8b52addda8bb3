package org.ivit.data.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Transforms applied in order; the presets are the train and eval pipelines the engine uses. */
public final class ImagePipeline implements ImageTransform {
    private final List<ImageTransform> steps;

    public ImagePipeline(List<ImageTransform> steps) {
        this.steps = List.copyOf(steps);
    }

    public static ImagePipeline of(ImageTransform... steps) {
        return new ImagePipeline(List.of(steps));
    }

    /**
     * RandomResizedCrop(size) (scale 0.08–1, ratio 3/4–4/3, bilinear), horizontal flip,
     * RandAugment(2, 9) if asked.
     */
    public static ImagePipeline train(int size, boolean randAugment) {
        List<ImageTransform> steps = new ArrayList<>();
        steps.add(new RandomResizedCrop(size));
        steps.add(new RandomHorizontalFlip());
        if (randAugment) {
            steps.add(new RandAugment());
        }
        return new ImagePipeline(steps);
    }

    /**
     * Resize the short side to floor(size / cropFraction) and centre-crop size×size, bicubic.
     * cropFraction 1.0 is CLIP's preprocessing; timm's ViT checkpoints use 0.9.
     */
    public static ImagePipeline eval(int size, double cropFraction) {
        return eval(size, cropFraction, Interpolation.BICUBIC);
    }

    /**
     * {@link #eval(int, double)} with another resize filter (timm's bilinear for torchvision's
     * ResNet weights).
     */
    public static ImagePipeline eval(int size, double cropFraction, Interpolation interpolation) {
        int resized = (int) Math.floor(size / cropFraction);
        return of(new ResizeShortSide(resized, interpolation), new CenterCrop(size));
    }

    public List<ImageTransform> steps() {
        return steps;
    }

    @Override
    public RgbImage apply(RgbImage image, Random random) {
        RgbImage out = image;
        for (ImageTransform step : steps) {
            out = step.apply(out, random);
        }
        return out;
    }
}
