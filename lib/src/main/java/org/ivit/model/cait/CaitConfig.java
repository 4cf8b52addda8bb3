package org.ivit.model.cait;

import com.google.gson.JsonObject;
import java.util.Set;
import org.ivit.model.TimmArgs;

/**
 * Architecture of a CaiT in the arguments of timm's {@code Cait} ({@code img_size, patch_size,
 * in_chans, embed_dim, depth, num_heads, mlp_ratio, init_values, depth_token_only,
 * mlp_ratio_token_only, num_classes}). {@code init_values} only sets the initial LayerScale.
 * LayerNorm eps 1e-6.
 */
public record CaitConfig(
        int imgSize,
        int patchSize,
        int inChans,
        int embedDim,
        int depth,
        int numHeads,
        double mlpRatio,
        float initValues,
        int depthTokenOnly,
        double mlpRatioTokenOnly,
        int numClasses,
        float eps) {

    public CaitConfig {
        if (imgSize % patchSize != 0) {
            throw new IllegalArgumentException(
                    "image size " + imgSize + " is not a multiple of patch size " + patchSize);
        }
        if (embedDim % numHeads != 0) {
            throw new IllegalArgumentException(
                    "embed_dim " + embedDim + " is not divisible by " + numHeads + " heads");
        }
    }

    /** timm {@code cait_s24_224}: 46.92 M parameters. */
    public static CaitConfig caitS24_224() {
        return new CaitConfig(224, 16, 3, 384, 24, 8, 4.0, 1e-5f, 2, 4.0, 1000, 1e-6f);
    }

    /**
     * From timm's constructor arguments; absent ones take the values of {@code cait_s24_224},
     * unknown ones are refused.
     */
    public static CaitConfig fromTimmArgs(JsonObject json) {
        TimmArgs a =
                TimmArgs.of(
                        json,
                        "CaiT",
                        Set.of(
                                "img_size",
                                "patch_size",
                                "in_chans",
                                "embed_dim",
                                "depth",
                                "num_heads",
                                "mlp_ratio",
                                "init_values",
                                "depth_token_only",
                                "mlp_ratio_token_only",
                                "num_classes"));
        CaitConfig d = caitS24_224();
        return new CaitConfig(
                a.integer("img_size", d.imgSize),
                a.integer("patch_size", d.patchSize),
                a.integer("in_chans", d.inChans),
                a.integer("embed_dim", d.embedDim),
                a.integer("depth", d.depth),
                a.integer("num_heads", d.numHeads),
                a.real("mlp_ratio", d.mlpRatio),
                (float) a.real("init_values", d.initValues),
                a.integer("depth_token_only", d.depthTokenOnly),
                a.real("mlp_ratio_token_only", d.mlpRatioTokenOnly),
                a.integer("num_classes", d.numClasses),
                d.eps);
    }

    public int gridSize() {
        return imgSize / patchSize;
    }

    public int patchCount() {
        return gridSize() * gridSize();
    }

    public int mlpWidth() {
        return (int) (embedDim * mlpRatio);
    }

    public int mlpWidthTokenOnly() {
        return (int) (embedDim * mlpRatioTokenOnly);
    }

    /** The same CaiT for square images of {@code size} (timm's {@code img_size}). */
    public CaitConfig withImgSize(int size) {
        return new CaitConfig(
                size,
                patchSize,
                inChans,
                embedDim,
                depth,
                numHeads,
                mlpRatio,
                initValues,
                depthTokenOnly,
                mlpRatioTokenOnly,
                numClasses,
                eps);
    }

    /** The same CaiT with {@code classes} outputs (timm's {@code num_classes}). */
    public CaitConfig withNumClasses(int classes) {
        return new CaitConfig(
                imgSize,
                patchSize,
                inChans,
                embedDim,
                depth,
                numHeads,
                mlpRatio,
                initValues,
                depthTokenOnly,
                mlpRatioTokenOnly,
                classes,
                eps);
    }
}
