package org.ivit.model.cait;

import com.google.gson.JsonObject;
import java.util.Set;
import org.ivit.model.TimmArgs;
import org.ivit.model.UniformTransformerConfigBuilder;

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

    /**
     * A config built field by field in timm's names; every field must be set but {@code inChans}
     * (3) and {@code eps} (1e-6).
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
                .initValues(initValues)
                .depthTokenOnly(depthTokenOnly)
                .mlpRatioTokenOnly(mlpRatioTokenOnly)
                .numClasses(numClasses)
                .eps(eps);
    }

    /** timm {@code cait_s24_224}: 46.92 M parameters. */
    public static CaitConfig caitS24_224() {
        return builder()
                .imgSize(224)
                .patchSize(16)
                .embedDim(384)
                .depth(24)
                .numHeads(8)
                .mlpRatio(4.0)
                .initValues(1e-5f)
                .depthTokenOnly(2)
                .mlpRatioTokenOnly(4.0)
                .numClasses(1000)
                .build();
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
        return builder()
                .imgSize(a.integer("img_size", d.imgSize))
                .patchSize(a.integer("patch_size", d.patchSize))
                .inChans(a.integer("in_chans", d.inChans))
                .embedDim(a.integer("embed_dim", d.embedDim))
                .depth(a.integer("depth", d.depth))
                .numHeads(a.integer("num_heads", d.numHeads))
                .mlpRatio(a.real("mlp_ratio", d.mlpRatio))
                .initValues((float) a.real("init_values", d.initValues))
                .depthTokenOnly(a.integer("depth_token_only", d.depthTokenOnly))
                .mlpRatioTokenOnly(a.real("mlp_ratio_token_only", d.mlpRatioTokenOnly))
                .numClasses(a.integer("num_classes", d.numClasses))
                .eps(d.eps)
                .build();
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
        return toBuilder().imgSize(size).build();
    }

    /** The same CaiT with {@code classes} outputs (timm's {@code num_classes}). */
    public CaitConfig withNumClasses(int classes) {
        return toBuilder().numClasses(classes).build();
    }

    /**
     * Names every field as timm's {@code Cait} arguments do, so no preset passes twelve values by
     * position.
     */
    public static final class Builder extends UniformTransformerConfigBuilder<Builder> {
        private Float initValues;
        private Integer depthTokenOnly;
        private Double mlpRatioTokenOnly;

        private Builder() {}

        /** The initial LayerScale value. */
        public Builder initValues(float v) {
            initValues = v;
            return this;
        }

        /** The number of class-attention blocks. */
        public Builder depthTokenOnly(int v) {
            depthTokenOnly = v;
            return this;
        }

        public Builder mlpRatioTokenOnly(double v) {
            mlpRatioTokenOnly = v;
            return this;
        }

        public CaitConfig build() {
            if (anyUniformUnset()
                    || mlpRatio == null
                    || initValues == null
                    || depthTokenOnly == null
                    || mlpRatioTokenOnly == null
                    || numClasses == null) {
                throw new IllegalStateException(
                        "a CaiT config needs imgSize, patchSize, embedDim, depth, numHeads, mlpRatio,"
                                + " initValues, depthTokenOnly, mlpRatioTokenOnly and numClasses");
            }
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
                    numClasses,
                    eps);
        }
    }
}
