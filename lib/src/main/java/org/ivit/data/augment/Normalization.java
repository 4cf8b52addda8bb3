package org.ivit.data.augment;

/** Per-channel mean and standard deviation applied after scaling pixels to [0, 1]. */
public record Normalization(float[] mean, float[] std) {
    /** torchvision's ImageNet statistics. */
    public static final Normalization IMAGENET = new Normalization(
            new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    /** CLIP's preprocessing constants (FACTS §5). */
    public static final Normalization CLIP = new Normalization(
            new float[] {0.48145466f, 0.4578275f, 0.40821073f}, new float[] {0.26862954f, 0.26130258f, 0.27577711f});
    /** 0.5/0.5: what timm's augreg ViT checkpoints (e.g. vit_base_patch16_224.augreg_in21k_ft_in1k) expect. */
    public static final Normalization INCEPTION = new Normalization(
            new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});

    public Normalization {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values each");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }
}
