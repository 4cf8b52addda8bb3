package org.ivit.model.cait;

import com.google.gson.JsonObject;

/**
 * Architecture of a CaiT in the arguments of timm's {@code Cait} ({@code img_size, patch_size,
 * in_chans, embed_dim, depth, num_heads, mlp_ratio, init_values, depth_token_only,
 * mlp_ratio_token_only, num_classes}). {@code init_values} only sets the initial LayerScale.
 * LayerNorm eps 1e-6.
 */
public record CaitConfig(int imgSize, int patchSize, int inChans, int embedDim, int depth, int numHeads,
                         double mlpRatio, float initValues, int depthTokenOnly, double mlpRatioTokenOnly,
                         int numClasses, float eps) {

    public CaitConfig {
        if (imgSize % patchSize != 0) {
            throw new IllegalArgumentException("image size " + imgSize + " is not a multiple of patch size " + patchSize);
        }
        if (embedDim % numHeads != 0) {
            throw new IllegalArgumentException("embed_dim " + embedDim + " is not divisible by " + numHeads + " heads");
        }
    }

    /** timm {@code cait_s24_224}: 46.92 M parameters. */
    public static CaitConfig caitS24_224() {
        return new CaitConfig(224, 16, 3, 384, 24, 8, 4.0, 1e-5f, 2, 4.0, 1000, 1e-6f);
    }

    /** From timm's constructor arguments; absent ones take the values of {@code cait_s24_224}. */
    public static CaitConfig fromTimmArgs(JsonObject a) {
        CaitConfig d = caitS24_224();
        return new CaitConfig(i(a, "img_size", d.imgSize), i(a, "patch_size", d.patchSize), i(a, "in_chans", d.inChans),
                i(a, "embed_dim", d.embedDim), i(a, "depth", d.depth), i(a, "num_heads", d.numHeads),
                a.has("mlp_ratio") ? a.get("mlp_ratio").getAsDouble() : d.mlpRatio,
                a.has("init_values") ? a.get("init_values").getAsFloat() : d.initValues,
                i(a, "depth_token_only", d.depthTokenOnly),
                a.has("mlp_ratio_token_only") ? a.get("mlp_ratio_token_only").getAsDouble() : d.mlpRatioTokenOnly,
                i(a, "num_classes", d.numClasses), d.eps);
    }

    private static int i(JsonObject args, String key, int fallback) {
        return args.has(key) ? args.get(key).getAsInt() : fallback;
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
}
