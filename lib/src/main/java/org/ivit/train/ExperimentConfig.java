package org.ivit.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One run, fully resolved: every value that changes what is trained is here, and all of it is
 * written to the run's config.json. Profiles ({@link Profiles}) fill in the defaults; {@link #with}
 * overrides single keys by their JSON names.
 *
 * @param table which of the paper's tables the run belongs to (1 full fine-tuning, 2 VPT-style)
 * @param prompt text, image or mix for Instruction-ViT; null otherwise
 * @param backbone a {@code VitConfig} preset name
 * @param backboneWeights timm safetensors to start from, {@code quick-pretrained} for the quick
 *     profile's cached pretraining, or null for random initialisation
 * @param clip a CLIP weights folder id (e.g. openai/clip-vit-base-patch32) or {@code random-small}
 * @param simLoss {@code paper} (CE over scaled similarities) or {@code authors} (CE over softmax)
 * @param valTopK K of the zero-shot K+1 prompt selection at evaluation; 0 keeps all N prompts
 * @param perEpochSchedule the authors' per-epoch timm schedule instead of the per-step one
 * @param selection {@code val}: select the epoch on the validation split and report test;
 *     {@code test}: the authors' select-on-test (labelled as such in results)
 * @param trainPromptProj in prompt mode, also train prompt_proj (the authors keep it frozen)
 * @param trainLimit use at most this many training images (0: all), a class-balanced subset
 */
public record ExperimentConfig(
        String profile, int table, String dataset, String method, String prompt, String mode,
        String backbone, int imageSize, String backboneWeights, String clip, String templateSet,
        String simLoss, float simScale, int valTopK,
        int epochs, double warmupEpochs, double lr, double minLr, int batchSize, int microBatch,
        boolean perEpochSchedule, int tInitial, String selection,
        int vptTokens, boolean vptDeep, boolean trainPromptProj,
        boolean randAugment, boolean mixup, int trainLimit, int seed) {

    private static final Gson GSON = new GsonBuilder().serializeNulls().setPrettyPrinting().create();

    public Method methodKind() {
        return Method.fromId(method);
    }

    public TuningMode modeKind() {
        return TuningMode.fromId(mode);
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    public static ExperimentConfig fromJson(String json) {
        return GSON.fromJson(json, ExperimentConfig.class);
    }

    /** A copy with one key (its JSON name, e.g. {@code epochs}) set from text. */
    public ExperimentConfig with(String key, String value) {
        JsonObject o = JsonParser.parseString(toJson()).getAsJsonObject();
        if (!o.has(key)) {
            throw new IllegalArgumentException("unknown config key '" + key + "'; keys: " + o.keySet());
        }
        JsonElement old = o.get(key);
        if (value == null || value.equals("null")) {
            o.add(key, com.google.gson.JsonNull.INSTANCE);
        } else if (old.isJsonPrimitive() && old.getAsJsonPrimitive().isBoolean()) {
            o.addProperty(key, Boolean.parseBoolean(value));
        } else if (old.isJsonPrimitive() && old.getAsJsonPrimitive().isNumber()) {
            o.addProperty(key, Double.parseDouble(value));
        } else {
            o.addProperty(key, value);
        }
        return GSON.fromJson(o, ExperimentConfig.class);
    }

    /** Readable and unique per configuration, so a rerun of the same config is recognised. */
    public String runId() {
        String name = profile + "-" + dataset + "-" + method + (prompt == null ? "" : "-" + prompt) + "-" + mode;
        return name + "-" + hash(toJson()).substring(0, 8);
    }

    private static String hash(String text) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
