package org.ivit.clip;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ivit.model.MlpActivation;

/**
 * A CLIP architecture read from a Hugging Face {@code config.json} ({@code CLIPConfig}). Keys a
 * real config may omit take Hugging Face's defaults; nothing is ever guessed from weight shapes
 * (the OpenAI names do not even reveal the text tower's head count).
 */
public record ClipConfig(ClipTextConfig text, ClipVisionConfig vision, int projectionDim) {

    /** Hugging Face's {@code CLIPConfig.projection_dim} default. */
    private static final int DEFAULT_PROJECTION = 512;

    /** openai/clip-vit-base-patch32. */
    public static ClipConfig vitBasePatch32() {
        return new ClipConfig(
                ClipTextConfig.huggingFaceDefaults(), ClipVisionConfig.huggingFaceDefaults(), 512);
    }

    /** openai/clip-vit-base-patch16. */
    public static ClipConfig vitBasePatch16() {
        ClipVisionConfig b32 = ClipVisionConfig.huggingFaceDefaults();
        return new ClipConfig(
                ClipTextConfig.huggingFaceDefaults(),
                new ClipVisionConfig(
                        b32.width(),
                        b32.heads(),
                        b32.layers(),
                        b32.mlpWidth(),
                        224,
                        16,
                        3,
                        b32.eps(),
                        b32.activation()),
                512);
    }

    /**
     * The sizes of the reference model {@code clip-tiny.json} (vendored in
     * lib/src/test/resources/reference) (text 64 wide, vision 128, 32x32 images).
     */
    public static ClipConfig tinyReference() {
        return new ClipConfig(
                new ClipTextConfig(64, 2, 2, 256, 77, 49408, 1e-5f, MlpActivation.QUICK_GELU),
                new ClipVisionConfig(128, 2, 2, 512, 32, 8, 3, 1e-5f, MlpActivation.QUICK_GELU),
                32);
    }

    /**
     * The small CLIP used with random weights when real ones are absent: cheap towers, but real
     * input sizes (224x224 images, 77 tokens) and 512-d embeddings, so downstream shapes match
     * ViT-B CLIP.
     */
    public static ClipConfig small() {
        return new ClipConfig(
                new ClipTextConfig(128, 2, 2, 512, 77, 49408, 1e-5f, MlpActivation.QUICK_GELU),
                new ClipVisionConfig(128, 2, 2, 512, 224, 32, 3, 1e-5f, MlpActivation.QUICK_GELU),
                512);
    }

    /** A preset by name: vit-b32, vit-b16, tiny (the reference sizes) or small. */
    public static ClipConfig preset(String name) {
        return switch (name) {
            case "vit-b32" -> vitBasePatch32();
            case "vit-b16" -> vitBasePatch16();
            case "tiny" -> tinyReference();
            case "small" -> small();
            default ->
                    throw new IllegalArgumentException(
                            "unknown CLIP preset '" + name + "' (vit-b32, vit-b16, tiny or small)");
        };
    }

    public static ClipConfig fromJson(Path file) throws IOException {
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(
                    "CLIP config " + file + " is not a JSON object: " + e.getMessage(), e);
        }
        try {
            return fromJson(root);
        } catch (RuntimeException e) {
            throw new IOException("CLIP config " + file + ": " + e.getMessage(), e);
        }
    }

    static ClipConfig fromJson(JsonObject root) {
        JsonObject text = section(root, "text_config");
        JsonObject vision = section(root, "vision_config");
        ClipTextConfig t = ClipTextConfig.huggingFaceDefaults();
        ClipVisionConfig v = ClipVisionConfig.huggingFaceDefaults();
        ClipTextConfig textConfig =
                new ClipTextConfig(
                        integer(text, "hidden_size", t.width()),
                                integer(text, "num_attention_heads", t.heads()),
                        integer(text, "num_hidden_layers", t.layers()),
                                integer(text, "intermediate_size", t.mlpWidth()),
                        integer(text, "max_position_embeddings", t.contextLength()),
                                integer(text, "vocab_size", t.vocabSize()),
                        number(text, "layer_norm_eps", t.eps()), activation(text, t.activation()));
        ClipVisionConfig visionConfig =
                new ClipVisionConfig(
                        integer(vision, "hidden_size", v.width()),
                        integer(vision, "num_attention_heads", v.heads()),
                        integer(vision, "num_hidden_layers", v.layers()),
                        integer(vision, "intermediate_size", v.mlpWidth()),
                        integer(vision, "image_size", v.imageSize()),
                        integer(vision, "patch_size", v.patchSize()),
                        integer(vision, "num_channels", v.channels()),
                        number(vision, "layer_norm_eps", v.eps()),
                        activation(vision, v.activation()));
        return new ClipConfig(
                textConfig, visionConfig, integer(root, "projection_dim", DEFAULT_PROJECTION));
    }

    /**
     * A tower's settings. Old transformers versions wrote them as {@code text_config_dict}, which
     * Hugging Face lets override {@code text_config}; both are read, in that order.
     */
    private static JsonObject section(JsonObject root, String key) {
        JsonObject merged = new JsonObject();
        for (String k : new String[] {key, key + "_dict"}) {
            JsonElement e = root.get(k);
            if (e != null && e.isJsonObject()) {
                e.getAsJsonObject()
                        .entrySet()
                        .forEach(entry -> merged.add(entry.getKey(), entry.getValue()));
            }
        }
        return merged;
    }

    private static int integer(JsonObject o, String key, int fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsInt();
    }

    private static float number(JsonObject o, String key, float fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsFloat();
    }

    private static MlpActivation activation(JsonObject o, MlpActivation fallback) {
        JsonElement e = o.get("hidden_act");
        return e == null || e.isJsonNull() ? fallback : MlpActivation.fromName(e.getAsString());
    }
}
