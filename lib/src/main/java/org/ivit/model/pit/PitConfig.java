package org.ivit.model.pit;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Set;
import org.ivit.model.TimmArgs;

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

    /** timm {@code pit_b_224}: 73.76 M parameters. */
    public static PitConfig pitB224() {
        return new PitConfig(
                224,
                14,
                7,
                3,
                List.of(64, 64, 64),
                List.of(3, 6, 4),
                List.of(4, 8, 16),
                4.0,
                1000,
                1e-6f);
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
        return new PitConfig(
                a.integer("img_size", d.imgSize),
                a.integer("patch_size", d.patchSize),
                a.integer("stride", d.stride),
                a.integer("in_chans", d.inChans),
                a.integers("base_dims", d.baseDims),
                a.integers("depth", d.depth),
                a.integers("heads", d.heads),
                a.real("mlp_ratio", d.mlpRatio),
                a.integer("num_classes", d.numClasses),
                d.eps);
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
        return new PitConfig(
                size,
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

    /** The same PiT with {@code classes} outputs (timm's {@code num_classes}). */
    public PitConfig withNumClasses(int classes) {
        return new PitConfig(
                imgSize, patchSize, stride, inChans, baseDims, depth, heads, mlpRatio, classes,
                eps);
    }
}
