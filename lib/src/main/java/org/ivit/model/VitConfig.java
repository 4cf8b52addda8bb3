package org.ivit.model;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Architecture of a timm-style ViT. The JSON form uses the keys of the reference {@code
 * vit-tiny.json} (image_size, patch_size, num_channels, layers, heads, hidden, mlp, classes,
 * layer_norm_eps); other keys are ignored.
 */
public record VitConfig(
        int imageSize,
        int patchSize,
        int channels,
        int depth,
        int heads,
        int width,
        int mlpWidth,
        int classes,
        float eps) {

    public VitConfig {
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException(
                    "image size " + imageSize + " is not a multiple of patch size " + patchSize);
        }
        if (width % heads != 0) {
            throw new IllegalArgumentException(
                    "width " + width + " is not divisible by " + heads + " heads");
        }
    }

    /**
     * A config built field by field in timm's names; every field must be set but {@code inChans}
     * (3) and {@code eps} (1e-6).
     */
    public static Builder builder() {
        return new Builder();
    }

    public static VitConfig fromJson(Path file) throws IOException {
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(
                    "ViT config " + file + " is not a JSON object: " + e.getMessage(), e);
        }
        try {
            return builder()
                    .imgSize(o.get("image_size").getAsInt())
                    .patchSize(o.get("patch_size").getAsInt())
                    .inChans(o.has("num_channels") ? o.get("num_channels").getAsInt() : 3)
                    .depth(o.get("layers").getAsInt())
                    .numHeads(o.get("heads").getAsInt())
                    .embedDim(o.get("hidden").getAsInt())
                    .mlpWidth(o.get("mlp").getAsInt())
                    .numClasses(o.get("classes").getAsInt())
                    .eps(o.has("layer_norm_eps") ? o.get("layer_norm_eps").getAsFloat() : 1e-6f)
                    .build();
        } catch (NullPointerException e) {
            throw new IOException(
                    "ViT config "
                            + file
                            + " lacks one of image_size, patch_size, layers, heads, hidden, mlp, classes");
        }
    }

    public int gridSize() {
        return imageSize / patchSize;
    }

    public int patchCount() {
        return gridSize() * gridSize();
    }

    public VitConfig withClasses(int n) {
        return new VitConfig(imageSize, patchSize, channels, depth, heads, width, mlpWidth, n, eps);
    }

    public VitConfig withImageSize(int size) {
        return new VitConfig(
                size, patchSize, channels, depth, heads, width, mlpWidth, classes, eps);
    }

    /**
     * Names every field as timm's {@code VisionTransformer} arguments do ({@code img_size}, {@code
     * patch_size}, {@code in_chans}, {@code depth}, {@code num_heads}, {@code embed_dim}, {@code
     * mlp_ratio} or the MLP width, {@code num_classes}), so no call site passes nine numbers by
     * position.
     */
    public static final class Builder extends UniformTransformerConfigBuilder<Builder> {
        private Integer mlpWidth;

        private Builder() {}

        /** timm's {@code mlp_ratio}; the last of it and {@link #mlpWidth} set counts. */
        @Override
        public Builder mlpRatio(double v) {
            mlpWidth = null;
            return super.mlpRatio(v);
        }

        /** The MLP width itself, instead of {@link #mlpRatio}. */
        public Builder mlpWidth(int v) {
            mlpWidth = v;
            mlpRatio = null;
            return this;
        }

        public VitConfig build() {
            if (anyUniformUnset() || (mlpWidth == null && mlpRatio == null)) {
                throw new IllegalStateException(
                        "a ViT config needs imgSize, patchSize, depth, numHeads, embedDim, mlpRatio or"
                                + " mlpWidth and numClasses");
            }
            int mlp = mlpWidth != null ? mlpWidth : (int) (embedDim * mlpRatio);
            return new VitConfig(
                    imgSize, patchSize, inChans, depth, numHeads, embedDim, mlp, numClasses, eps);
        }
    }
}
