package org.ivit.model.deit;

import com.google.gson.JsonObject;
import java.util.Set;
import org.ivit.model.TimmArgs;
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

    /** timm {@code deit_base_patch16_224}: 86.57 M parameters. */
    public static DeitConfig deitBasePatch16_224() {
        return new DeitConfig(224, 16, 3, 768, 12, 12, 4.0, 1000, false, 1e-6f);
    }

    /** timm {@code deit_base_distilled_patch16_224}: 87.34 M parameters. */
    public static DeitConfig deitBaseDistilledPatch16_224() {
        return new DeitConfig(224, 16, 3, 768, 12, 12, 4.0, 1000, true, 1e-6f);
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
        return new DeitConfig(
                a.integer("img_size", d.imgSize),
                a.integer("patch_size", d.patchSize),
                a.integer("in_chans", d.inChans),
                a.integer("embed_dim", d.embedDim),
                a.integer("depth", d.depth),
                a.integer("num_heads", d.numHeads),
                a.real("mlp_ratio", d.mlpRatio),
                a.integer("num_classes", d.numClasses),
                distilled,
                d.eps);
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
        return new DeitConfig(
                size,
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

    /** The same DeiT with {@code classes} outputs (timm's {@code num_classes}). */
    public DeitConfig withNumClasses(int classes) {
        return new DeitConfig(
                imgSize, patchSize, inChans, embedDim, depth, numHeads, mlpRatio, classes,
                distilled, eps);
    }
}
