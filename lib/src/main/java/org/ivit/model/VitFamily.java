package org.ivit.model;

import static org.ivit.io.PretrainedConfig.INCEPTION_MEAN;
import static org.ivit.io.PretrainedConfig.INCEPTION_STD;
import static org.ivit.io.PretrainedConfig.rgb;

import java.util.List;
import org.ivit.io.TimmCheckpoint;

/**
 * timm's {@code vision_transformer} family as the runs use it ({@link VisionTransformer}):
 * ViT-B/16, the backbone of the paper's ViT-B and Ours rows and of the VPT and Instruction-ViT
 * methods, and the quick profile's small ViTs, which have no checkpoint.
 */
public final class VitFamily implements ModelFamily {
    public static final VitFamily INSTANCE = new VitFamily();

    /** timm {@code vit_base_patch16_224}: ViT-B/16, 86.57 M parameters. */
    public static final VitConfig VIT_BASE_PATCH16_224_CONFIG =
            VitConfig.builder()
                    .imgSize(224)
                    .patchSize(16)
                    .depth(12)
                    .numHeads(12)
                    .embedDim(768)
                    .mlpRatio(4)
                    .numClasses(1000)
                    .build();

    /**
     * The quick profile's backbone: 32x32 input in 8x8 patches (16 tokens), 6 layers of width 128,
     * 1.2 M parameters. Measured on two cores: 860 training images/s at batch 128, against 450 for
     * width 192, so twice the pretraining epochs fit in the same time; in a trial, eight epochs
     * gave 88.2% validation and 87.4% test top-1 on Fashion-MNIST (width 192 after three: 86.1%,
     * 84.6%). Patch 4 ({@link #TINY_CONFIG}) learns more slowly per second (71% validation after 70
     * s, against 78% in 51 s for patch 8), and a 4-layer variant ended 5 points lower after
     * pretraining.
     */
    public static final VitConfig QUICK_CONFIG =
            VitConfig.builder()
                    .imgSize(32)
                    .patchSize(8)
                    .depth(6)
                    .numHeads(4)
                    .embedDim(128)
                    .mlpRatio(4)
                    .numClasses(10)
                    .build();

    /** The earlier quick backbone: 32x32 input, patch 4, 4 layers, width 192 (1.8 M parameters). */
    public static final VitConfig TINY_CONFIG =
            VitConfig.builder()
                    .imgSize(32)
                    .patchSize(4)
                    .depth(4)
                    .numHeads(3)
                    .embedDim(192)
                    .mlpRatio(4)
                    .numClasses(10)
                    .build();

    public static final TimmCheckpoint AUGREG_IN21K_FT_IN1K =
            new TimmCheckpoint(
                    "vit_base_patch16_224",
                    "augreg_in21k_ft_in1k",
                    "vit-b16",
                    "ViT-B, Ours (ViT-B)",
                    rgb(224, 0.9, "bicubic", INCEPTION_MEAN, INCEPTION_STD),
                    "timm 0.4.12 vit_base_patch16_224 loaded the AugReg npz B_16-i21k-300ep-...-imagenet2012-steps_20k-lr_0.01-res_224"
                            + " (in21k pretraining, in1k fine-tuning), now the tag augreg_in21k_ft_in1k; the authors' code uses it."
                            + " timm's current default, augreg2_in21k_ft_in1k, is a later re-fine-tuning");

    public static final ModelVariant VIT_BASE_PATCH16_224 =
            ModelVariant.pretrained(
                    AUGREG_IN21K_FT_IN1K,
                    86_567_656L,
                    (classes, size) ->
                            new VisionTransformer(
                                    VIT_BASE_PATCH16_224_CONFIG
                                            .withClasses(classes)
                                            .withImageSize(size)));
    public static final ModelVariant QUICK =
            ModelVariant.untrained(
                    "quick",
                    (classes, size) ->
                            new VisionTransformer(
                                    QUICK_CONFIG.withClasses(classes).withImageSize(size)));
    public static final ModelVariant TINY =
            ModelVariant.untrained(
                    "tiny",
                    (classes, size) ->
                            new VisionTransformer(
                                    TINY_CONFIG.withClasses(classes).withImageSize(size)));

    private VitFamily() {}

    @Override
    public String name() {
        return "vision_transformer";
    }

    @Override
    public List<ModelVariant> variants() {
        return List.of(VIT_BASE_PATCH16_224, QUICK, TINY);
    }

    /**
     * The ViT of variant {@code id} ({@code vit_base_patch16_224}, {@code quick} or {@code tiny})
     * at its own class count and image size: what the ViT-based methods (VPT, Instruction-ViT)
     * build on.
     */
    public static VitConfig config(String id) {
        return switch (id) {
            case "vit_base_patch16_224" -> VIT_BASE_PATCH16_224_CONFIG;
            case "quick" -> QUICK_CONFIG;
            case "tiny" -> TINY_CONFIG;
            default ->
                    throw new IllegalArgumentException(
                            "unknown ViT '" + id + "' (vit_base_patch16_224, quick or tiny)");
        };
    }

    /**
     * {@link #config(String)} with {@code classes} outputs for square images of {@code imageSize}.
     */
    public static VitConfig config(String id, int classes, int imageSize) {
        return config(id).withClasses(classes).withImageSize(imageSize);
    }
}
