package org.ivit.model.pit;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Set;
import org.ivit.model.TimmArgs;
import org.ivit.model.TransformerConfigBuilder;

/**
 * Architecture of a PiT in the arguments of timm's {@code PoolingVisionTransformer} ({@code
 * img_size, patch_size, stride, base_dims, depth, heads, mlp_ratio, in_chans, num_classes}). Stage
 * s has width {@code base_dims[s] * heads[s]} (head width {@code base_dims[s]}). LayerNorm eps
 * 1e-6.
 */
public record PitConfig(
        int imgSize,
        int patchSize,
        int stride,
        int inChans,
        List<Integer> baseDims,
        List<Integer> depth,
        List<Integer> heads,
        double mlpRatio,
        int numClasses,
        float eps) {

    public PitConfig {
        baseDims = List.copyOf(baseDims);
        depth = List.copyOf(depth);
        heads = List.copyOf(heads);
        if (baseDims.size() != depth.size() || heads.size() != depth.size() || depth.isEmpty()) {
            throw new IllegalArgumentException(
                    "base_dims, depth and heads must have one entry per stage: "
                            + baseDims
                            + ", "
                            + depth
                            + ", "
                            + heads);
        }
        if (imgSize < patchSize) {
            throw new IllegalArgumentException(
                    "image size " + imgSize + " is smaller than patch size " + patchSize);
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
                .stride(stride)
                .inChans(inChans)
                .baseDims(baseDims)
                .depth(depth)
                .heads(heads)
                .mlpRatio(mlpRatio)
                .numClasses(numClasses)
                .eps(eps);
    }

    /** timm {@code pit_b_224}: 73.76 M parameters. */
    public static PitConfig pitB224() {
        return builder()
                .imgSize(224)
                .patchSize(14)
                .stride(7)
                .baseDims(List.of(64, 64, 64))
                .depth(List.of(3, 6, 4))
                .heads(List.of(4, 8, 16))
                .mlpRatio(4.0)
                .numClasses(1000)
                .build();
    }

    /**
     * From timm's constructor arguments; absent ones take the values of {@code pit_b_224}, unknown
     * ones are refused.
     */
    public static PitConfig fromTimmArgs(JsonObject json) {
        TimmArgs a =
                TimmArgs.of(
                        json,
                        "PiT",
                        Set.of(
                                "img_size",
                                "patch_size",
                                "stride",
                                "in_chans",
                                "base_dims",
                                "depth",
                                "heads",
                                "mlp_ratio",
                                "num_classes"));
        PitConfig d = pitB224();
        return builder()
                .imgSize(a.integer("img_size", d.imgSize))
                .patchSize(a.integer("patch_size", d.patchSize))
                .stride(a.integer("stride", d.stride))
                .inChans(a.integer("in_chans", d.inChans))
                .baseDims(a.integers("base_dims", d.baseDims))
                .depth(a.integers("depth", d.depth))
                .heads(a.integers("heads", d.heads))
                .mlpRatio(a.real("mlp_ratio", d.mlpRatio))
                .numClasses(a.integer("num_classes", d.numClasses))
                .eps(d.eps)
                .build();
    }

    public int stages() {
        return depth.size();
    }

    /** Width of stage s. */
    public int dim(int stage) {
        return baseDims.get(stage) * heads.get(stage);
    }

    public int mlpWidth(int stage) {
        return (int) (dim(stage) * mlpRatio);
    }

    /**
     * The patch convolution's grid side: {@code floor((image - patch) / stride) + 1} (no padding).
     */
    public int embedGrid() {
        return (imgSize - patchSize) / stride + 1;
    }

    /**
     * Grid side of stage s: each pooling (3x3, stride 2, padding 1) maps H to {@code floor((H - 1)
     * / 2) + 1}.
     */
    public int grid(int stage) {
        int g = embedGrid();
        for (int s = 1; s <= stage; s++) {
            g = (g - 1) / 2 + 1;
        }
        return g;
    }

    /** The same PiT for square images of {@code size} (timm's {@code img_size}). */
    public PitConfig withImgSize(int size) {
        return toBuilder().imgSize(size).build();
    }

    /** The same PiT with {@code classes} outputs (timm's {@code num_classes}). */
    public PitConfig withNumClasses(int classes) {
        return toBuilder().numClasses(classes).build();
    }

    /**
     * Names every field as timm's {@code PoolingVisionTransformer} arguments do, so no preset
     * passes ten values by position.
     */
    public static final class Builder extends TransformerConfigBuilder<Builder> {
        private Integer stride;
        private List<Integer> baseDims;
        private List<Integer> depth;
        private List<Integer> heads;

        private Builder() {}

        /** The patch convolution's stride. */
        public Builder stride(int v) {
            stride = v;
            return this;
        }

        /** The head width of each stage. */
        public Builder baseDims(List<Integer> v) {
            baseDims = v;
            return this;
        }

        /** The number of blocks of each stage. */
        public Builder depth(List<Integer> v) {
            depth = v;
            return this;
        }

        /** The number of heads of each stage. */
        public Builder heads(List<Integer> v) {
            heads = v;
            return this;
        }

        public PitConfig build() {
            if (anyCommonUnset()
                    || mlpRatio == null
                    || stride == null
                    || baseDims == null
                    || depth == null
                    || heads == null) {
                throw new IllegalStateException(
                        "a PiT config needs imgSize, patchSize, stride, baseDims, depth, heads,"
                                + " mlpRatio and numClasses");
            }
            return new PitConfig(
                    imgSize,
                    patchSize,
                    stride,
                    inChans,
                    baseDims,
                    depth,
                    heads,
                    mlpRatio,
                    numClasses,
                    eps);
        }
    }
}
