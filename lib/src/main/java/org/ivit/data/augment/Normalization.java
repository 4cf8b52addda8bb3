package org.ivit.data.augment;

/** Per-channel mean and standard deviation applied after scaling pixels to [0, 1]. */
public record Normalization(float[] mean, float[] std) {
    /** torchvision's ImageNet statistics. */
    public static final Normalization IMAGENET =
            new Normalization(
                    new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

    /** CLIP's preprocessing constants (FACTS §5). */
    public static final Normalization CLIP =
            new Normalization(
                    new float[] {0.48145466f, 0.4578275f, 0.40821073f},
                    new float[] {0.26862954f, 0.26130258f, 0.27577711f});

    /**
     * 0.5/0.5: what timm's augreg ViT checkpoints (e.g. vit_base_patch16_224.augreg_in21k_ft_in1k)
     * expect.
     */
    public static final Normalization INCEPTION =
            new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});

    /** The names {@link #named} knows, as a spec's {@code normalization} gives them. */
    public static final java.util.List<String> NAMES =
            java.util.List.of("inception", "imagenet", "clip");

    /** A preset by name: inception (0.5/0.5), imagenet or clip. */
    public static Normalization named(String name) {
        return switch (name == null ? "" : name) {
            case "inception" -> INCEPTION;
            case "imagenet" -> IMAGENET;
            case "clip" -> CLIP;
            default ->
                    throw new IllegalArgumentException(
                            "unknown normalization '"
                                    + name
                                    + "' ("
                                    + String.join(", ", NAMES)
                                    + ")");
        };
    }

    /** The name of a preset with exactly these means and stds (to 1e-6), if there is one. */
    public static java.util.Optional<String> nameOf(
            java.util.List<Double> mean, java.util.List<Double> std) {
        for (String n : NAMES) {
            Normalization p = named(n);
            boolean same = mean.size() == 3 && std.size() == 3;
            for (int c = 0; same && c < 3; c++) {
                same =
                        Math.abs(p.mean[c] - mean.get(c)) < 1e-6
                                && Math.abs(p.std[c] - std.get(c)) < 1e-6;
            }
            if (same) {
                return java.util.Optional.of(n);
            }
        }
        return java.util.Optional.empty();
    }

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
