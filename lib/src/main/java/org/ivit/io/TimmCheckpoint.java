package org.ivit.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A timm ImageNet checkpoint, in timm's {@code architecture.tag} name, with the pretrained config
 * timm publishes for exactly that tag: which weights a model starts from and at which resolution
 * and normalisation it is fine-tuned. Each model family declares its own next to its variants
 * ({@code org.ivit.model.ModelFamily}); {@code org.ivit.model.ModelFamilies#checkpoints()} is the
 * timm part of the weights catalogue ({@code org.ivit.model.WeightCatalogue}) whose {@link
 * #repository()} the fetcher downloads: one per Table 1 row (the ViT-B/16 backbone of ViT-B and
 * Ours, and the ten baselines) and the distilled DeiT-B as an extra.
 *
 * <p><b>How the tags were chosen.</b> The authors' code pins timm 0.4.12 (tag {@code v0.4.12},
 * 2021-06-30), whose model names had no tags: {@code create_model(name, pretrained=True)} loaded
 * the one URL in that release's {@code default_cfgs[name]}. Current timm keeps those weights under
 * a tag whose cfg names the same original URL (file name and hash suffix), and hosts them on
 * Hugging Face as {@code timm/<architecture>.<tag>} ({@code model.safetensors}). For each name we
 * read the 0.4.12 URL and picked the current tag with that URL. The pretrained configs are current
 * timm's (commit aa4b5850) for that tag; where 0.4.12's config differed it is said in {@link #why}.
 * Table 1 fine-tunes each baseline at {@link PretrainedConfig#inputSize} with its {@code
 * mean}/{@code std}. Where no tag of current timm holds 0.4.12's weights, the family file says what
 * was taken instead (ResNet-101/152).
 */
public record TimmCheckpoint(
        String architecture,
        String tag,
        String alias,
        String paperRow,
        PretrainedConfig pretrainedCfg,
        String why) {
    /**
     * The files fetched from a timm repository: timm's config (with its pretrained_cfg) and the
     * weights; never pickles.
     */
    public static final List<String> FILES = List.of("config.json", "model.safetensors");

    public TimmCheckpoint {
        if (!architecture.matches("[a-z0-9_]+")
                || !tag.matches("[a-z0-9_]+")
                || !alias.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException(
                    "bad timm checkpoint name " + architecture + "." + tag + " (" + alias + ")");
        }
    }

    /** timm's full name, {@code architecture.tag}. */
    public String name() {
        return architecture + "." + tag;
    }

    /** The Hugging Face repository, {@code timm/architecture.tag}. */
    public String hfHubId() {
        return "timm/" + name();
    }

    /** The repository to fetch: config.json and model.safetensors. */
    public WeightRepository repository() {
        return new WeightRepository(hfHubId(), alias, FILES);
    }

    /** True for the architecture name, timm's full name, the Hugging Face id or the alias. */
    public boolean answersTo(String name) {
        return architecture.equals(name)
                || name().equals(name)
                || hfHubId().equals(name)
                || alias.equals(name);
    }

    /**
     * Where timm's {@code config.json} of this repository (architecture, num_classes and the
     * pretrained_cfg timm saved with the weights) disagrees with this record; empty when it agrees.
     * Only fields present in the file are compared. timm itself builds named models from the cfg in
     * its code, which is what this record holds, so a disagreement is a warning to look at, not a
     * reason to refuse the weights.
     */
    public List<String> configDisagreements(String configJson) {
        JsonObject root = JsonParser.parseString(configJson).getAsJsonObject();
        List<String> out = new ArrayList<>();
        compare(out, "architecture", root.get("architecture"), architecture);
        compare(out, "num_classes", root.get("num_classes"), pretrainedCfg.numClasses());
        JsonObject cfg =
                root.has("pretrained_cfg") && root.get("pretrained_cfg").isJsonObject()
                        ? root.getAsJsonObject("pretrained_cfg")
                        : new JsonObject();
        compare(out, "tag", cfg.get("tag"), tag);
        compare(out, "input_size", cfg.get("input_size"), pretrainedCfg.inputSize());
        compare(out, "crop_pct", cfg.get("crop_pct"), pretrainedCfg.cropPct());
        compare(out, "interpolation", cfg.get("interpolation"), pretrainedCfg.interpolation());
        compare(out, "mean", cfg.get("mean"), pretrainedCfg.mean());
        compare(out, "std", cfg.get("std"), pretrainedCfg.std());
        compare(
                out,
                "pretrained_cfg.num_classes",
                cfg.get("num_classes"),
                pretrainedCfg.numClasses());
        return out;
    }

    private static void compare(
            List<String> out, String field, JsonElement found, Object expected) {
        if (found == null || found.isJsonNull()) {
            return;
        }
        Object value =
                found.isJsonArray()
                        ? numbers(found.getAsJsonArray(), expected)
                        : expected instanceof String
                                ? found.getAsString()
                                : expected instanceof Integer
                                        ? (Object) found.getAsInt()
                                        : (Object) found.getAsDouble();
        if (!Objects.equals(value, expected)) {
            out.add(field + " " + found + " (catalogue: " + expected + ")");
        }
    }

    private static List<?> numbers(JsonArray a, Object like) {
        boolean ints = like instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Integer;
        List<Object> out = new ArrayList<>();
        for (JsonElement e : a) {
            out.add(ints ? (Object) e.getAsInt() : (Object) e.getAsDouble());
        }
        return out;
    }
}
