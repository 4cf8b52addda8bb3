package org.ivit.model.deit;

import com.google.gson.JsonObject;
import java.util.Set;
import org.ivit.model.TimmArgs;
import org.ivit.model.UniformTransformerConfigBuilder;
import org.ivit.model.VitConfig;

/**
 * Architecture of a DeiT, in the arguments of timm's {@code VisionTransformer} / {@code
 * VisionTransformerDistilled} ({@code img_size, patch_size, in_chans, embed_dim, depth, num_heads,
 * mlp_ratio, num_classes}); {@code distilled} adds the distillation token and {@code head_dist}.
 * LayerNorm eps 1e-6 as timm's ViT.
 */
public record DeitConfig(
        int imgSize,
        int patchSize,
        int inChans,
        int embedDim,
        int depth,
        int numHeads,
        double mlpRatio,
        int numClasses,
        boolean distilled,
        float eps) {

    public DeitConfig {
        if (imgSize % patchSize != 0) {
            throw new IllegalArgumentException(
                    "image size " + imgSize + " is not a multiple of patch size " + patchSize);
        }
        if (embedDim % numHeads != 0) {
            throw new IllegalArgumentException(
                    "embed_dim " + embedDim + " is not divisible by " + numHeads + " heads");
        }
    }

    /**
     * A config built field by field in timm's names; every field must be set but {@code inChans}
     * (3), {@code distilled} (false) and {@code eps} (1e-6).
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's fields, to change some of them by name. */
    public Builder toBuilder() {
        return builder()
                .imgSize(imgSize)
                .patchSize(patchSize)
                .inChans(inChans)
                .embedDim(embedDim)
                .depth(depth)
                .numHeads(numHeads)
                .mlpRatio(mlpRatio)
                .numClasses(numClasses)
                .distilled(distilled)
                .eps(eps);
    }

    /** timm {@code deit_base_patch16_224}: 86.57 M parameters. */
    public static DeitConfig deitBasePatch16_224() {
        return builder()
                .imgSize(224)
                .patchSize(16)
                .embedDim(768)
                .depth(12)
                .numHeads(12)
                .mlpRatio(4.0)
                .numClasses(1000)
                .build();
    }

    /** timm {@code deit_base_distilled_patch16_224}: 87.34 M parameters. */
    public static DeitConfig deitBaseDistilledPatch16_224() {
        return deitBasePatch16_224().toBuilder().distilled(true).build();
    }

    /**
     * From timm's constructor arguments (the {@code args} of a reference JSON); absent ones take
     * the values of {@code deit_base_patch16_224}, unknown ones are refused.
     */
    public static DeitConfig fromTimmArgs(JsonObject json, boolean distilled) {
        TimmArgs a =
                TimmArgs.of(
                        json,
                        distilled ? "DeiT distilled" : "DeiT",
                        Set.of(
                                "img_size",
                                "patch_size",
                                "in_chans",
                                "embed_dim",
                                "depth",
                                "num_heads",
                                "mlp_ratio",
                                "num_classes"));
        DeitConfig d = deitBasePatch16_224();
        return builder()
                .imgSize(a.integer("img_size", d.imgSize))
                .patchSize(a.integer("patch_size", d.patchSize))
                .inChans(a.integer("in_chans", d.inChans))
                .embedDim(a.integer("embed_dim", d.embedDim))
                .depth(a.integer("depth", d.depth))
                .numHeads(a.integer("num_heads", d.numHeads))
                .mlpRatio(a.real("mlp_ratio", d.mlpRatio))
                .numClasses(a.integer("num_classes", d.numClasses))
                .distilled(distilled)
                .eps(d.eps)
                .build();
    }

    public int gridSize() {
        return imgSize / patchSize;
    }

    public int patchCount() {
        return gridSize() * gridSize();
    }

    /** Class token, and the distillation token if distilled. */
    public int prefixTokens() {
        return distilled ? 2 : 1;
    }

    /** timm: {@code int(embed_dim * mlp_ratio)}. */
    public int mlpWidth() {
        return (int) (embedDim * mlpRatio);
    }

    /**
     * The same network as this project's {@link org.ivit.model.VisionTransformer} (not distilled
     * only).
     */
    public VitConfig toVitConfig() {
        if (distilled) {
            throw new IllegalStateException(
                    "a distilled DeiT is not a plain ViT (it has a distillation token and head_dist)");
        }
        return VitConfig.builder()
                .imgSize(imgSize)
                .patchSize(patchSize)
                .inChans(inChans)
                .depth(depth)
                .numHeads(numHeads)
                .embedDim(embedDim)
                .mlpWidth(mlpWidth())
                .numClasses(numClasses)
                .eps(eps)
                .build();
    }

    /** The same DeiT for square images of {@code size} (timm's {@code img_size}). */
    public DeitConfig withImgSize(int size) {
        return toBuilder().imgSize(size).build();
    }

    /** The same DeiT with {@code classes} outputs (timm's {@code num_classes}). */
    public DeitConfig withNumClasses(int classes) {
        return toBuilder().numClasses(classes).build();
    }

    /**
     * Names every field as timm's {@code VisionTransformer} arguments do, so no preset passes ten
     * values by position.
     */
    public static final class Builder extends UniformTransformerConfigBuilder<Builder> {
        private boolean distilled;

        private Builder() {}

        /** The distillation token and {@code head_dist} of {@code VisionTransformerDistilled}. */
        public Builder distilled(boolean v) {
            distilled = v;
            return this;
        }

        public DeitConfig build() {
            if (anyUniformUnset() || mlpRatio == null) {
                throw new IllegalStateException(
                        "a DeiT config needs imgSize, patchSize, embedDim, depth, numHeads, mlpRatio"
                                + " and numClasses");
            }
            return new DeitConfig(
                    imgSize,
                    patchSize,
                    inChans,
                    embedDim,
                    depth,
                    numHeads,
                    mlpRatio,
                    numClasses,
                    distilled,
                    eps);
        }
    }
}
