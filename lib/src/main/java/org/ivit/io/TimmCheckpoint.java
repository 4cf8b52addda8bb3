package org.ivit.io;

import static org.ivit.io.PretrainedConfig.IMAGENET_MEAN;
import static org.ivit.io.PretrainedConfig.IMAGENET_STD;
import static org.ivit.io.PretrainedConfig.INCEPTION_MEAN;
import static org.ivit.io.PretrainedConfig.INCEPTION_STD;
import static org.ivit.io.PretrainedConfig.rgb;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalogue of the timm ImageNet checkpoints behind Table 1: one per row (the ViT-B/16 backbone
 * of ViT-B and Ours, and the ten baselines; {@link #TABLE1}) and the distilled DeiT-B as an extra
 * ({@link #ALL}), in timm's {@code architecture.tag} names, with the
 * pretrained config timm publishes for exactly that tag. This is the one place that says which
 * weights a backbone starts from and at which resolution and normalisation it is fine-tuned; the
 * fetcher ({@link WeightRepository}) and a backbone registry read it.
 *
 * <p><b>How the tags were chosen.</b> The authors' code pins timm 0.4.12 (tag {@code v0.4.12},
 * 2021-06-30), whose model names had no tags: {@code create_model(name, pretrained=True)} loaded the
 * one URL in that release's {@code default_cfgs[name]}. Current timm keeps those weights under a
 * tag whose cfg names the same original URL (file name and hash suffix), and hosts them on Hugging
 * Face as {@code timm/<architecture>.<tag>} ({@code model.safetensors}). For each name we read the
 * 0.4.12 URL and picked the current tag with that URL. The pretrained configs are current timm's
 * (commit aa4b5850) for that tag; where 0.4.12's config differed it is said in {@link #why}. Table 1
 * fine-tunes each baseline at {@link PretrainedConfig#inputSize} with its {@code mean}/{@code std}.
 *
 * <p>timm 0.4.12 had no weights for {@code resnet101} and {@code resnet152} ({@code url=''}; with
 * {@code pretrained=True} it only logs "No pretrained weights exist for this model. Using random
 * initialization."). Random initialisation cannot give the paper's 96.7-97.1 % on Caltech-101
 * after 20 epochs, above its ResNet-50, so the authors must have loaded weights from elsewhere;
 * the standard ones in mid-2021 were torchvision's ImageNet weights (timm 0.4.12 also offered them
 * as {@code tv_resnet101} / {@code tv_resnet152}), which current timm holds as {@code tv_in1k}.
 */
public record TimmCheckpoint(String architecture, String tag, String alias, String paperRow, PretrainedConfig pretrainedCfg,
        String why) {
    /** The files fetched from a timm repository: timm's config (with its pretrained_cfg) and the weights; never pickles. */
    public static final List<String> FILES = List.of("config.json", "model.safetensors");

    public static final TimmCheckpoint VIT_B16 = new TimmCheckpoint("vit_base_patch16_224", "augreg_in21k_ft_in1k", "vit-b16",
            "ViT-B, Ours (ViT-B)", rgb(224, 0.9, "bicubic", INCEPTION_MEAN, INCEPTION_STD),
            "timm 0.4.12 vit_base_patch16_224 loaded the AugReg npz B_16-i21k-300ep-...-imagenet2012-steps_20k-lr_0.01-res_224"
                    + " (in21k pretraining, in1k fine-tuning), now the tag augreg_in21k_ft_in1k; the authors' code uses it."
                    + " timm's current default, augreg2_in21k_ft_in1k, is a later re-fine-tuning");
    public static final TimmCheckpoint DEIT_B = new TimmCheckpoint("deit_base_patch16_224", "fb_in1k", "deit-b", "DeiT-B",
            rgb(224, 0.9, "bicubic", IMAGENET_MEAN, IMAGENET_STD),
            "timm 0.4.12 deit_base_patch16_224 loaded Facebook's deit_base_patch16_224-b5f2ef4d.pth, now fb_in1k (its only tag)");
    public static final TimmCheckpoint CAIT_S24 = new TimmCheckpoint("cait_s24_224", "fb_dist_in1k", "cait-s24", "CaiT-S-24",
            rgb(224, 1.0, "bicubic", IMAGENET_MEAN, IMAGENET_STD),
            "timm 0.4.12 cait_s24_224 loaded Facebook's S24_224.pth (distilled on in1k), now fb_dist_in1k (its only tag)");
    public static final TimmCheckpoint PIT_B = new TimmCheckpoint("pit_b_224", "in1k", "pit-b", "PiT-B",
            rgb(224, 0.9, "bicubic", IMAGENET_MEAN, IMAGENET_STD),
            "timm 0.4.12 pit_b_224 loaded NAVER's pit_b_820.pth (82.0 % in1k, not distilled), moved to the hub as in1k"
                    + " (its only tag) in timm commit 3386af8c");
    public static final TimmCheckpoint RESNET50 = new TimmCheckpoint("resnet50", "ram_in1k", "resnet-50", "ResNet-50",
            rgb(224, 0.875, "bicubic", IMAGENET_MEAN, IMAGENET_STD).withTest(288, 0.95),
            "timm 0.4.12 resnet50 loaded Ross Wightman's resnet50_ram-a26f946b.pth (AugMix + RandAugment), now ram_in1k."
                    + " timm's current default a1_in1k (ResNet Strikes Back) was added in Oct 2021 (commit cc9bedf3), after 0.4.12");
    public static final TimmCheckpoint RESNET101 = new TimmCheckpoint("resnet101", "tv_in1k", "resnet-101", "ResNet-101",
            rgb(224, 0.875, "bilinear", IMAGENET_MEAN, IMAGENET_STD),
            "timm 0.4.12 had no resnet101 weights (url '': pretrained=True silently stays random), which cannot give the"
                    + " paper's numbers; most likely torchvision's ImageNet weights (0.4.12's tv_resnet101), now tv_in1k");
    public static final TimmCheckpoint RESNET152 = new TimmCheckpoint("resnet152", "tv_in1k", "resnet-152", "ResNet-152",
            rgb(224, 0.875, "bilinear", IMAGENET_MEAN, IMAGENET_STD),
            "timm 0.4.12 had no resnet152 weights (url '': pretrained=True silently stays random), which cannot give the"
                    + " paper's numbers; most likely torchvision's ImageNet weights (0.4.12's tv_resnet152), now tv_in1k");
    public static final TimmCheckpoint EFFICIENTNET_B0 = new TimmCheckpoint("efficientnet_b0", "ra_in1k", "efficientnet-b0",
            "EfficientNet-B0", rgb(224, 0.875, "bicubic", IMAGENET_MEAN, IMAGENET_STD),
            "timm 0.4.12 efficientnet_b0 loaded efficientnet_b0_ra-3dd342df.pth (RandAugment), now ra_in1k");
    public static final TimmCheckpoint EFFICIENTNET_B1 = new TimmCheckpoint("efficientnet_b1", "ft_in1k", "efficientnet-b1",
            "EfficientNet-B1", rgb(224, 0.875, "bicubic", IMAGENET_MEAN, IMAGENET_STD).withTest(256, 1.0),
            "timm 0.4.12 efficientnet_b1 loaded efficientnet_b1-533bc792.pth, now ft_in1k (0.4.12's cfg: crop 1.0). The"
                    + " current default ra4_e3600_r240_in1k (240 px, mean/std 0.5) was added in Aug 2024");
    public static final TimmCheckpoint EFFICIENTNET_B2 = new TimmCheckpoint("efficientnet_b2", "ra_in1k", "efficientnet-b2",
            "EfficientNet-B2", rgb(256, 0.875, "bicubic", IMAGENET_MEAN, IMAGENET_STD).withTest(288, 1.0),
            "timm 0.4.12 efficientnet_b2 loaded efficientnet_b2_ra-bcdf34b7.pth (RandAugment, 256 px), now ra_in1k"
                    + " (0.4.12's cfg: crop 1.0)");
    public static final TimmCheckpoint EFFICIENTNET_B3 = new TimmCheckpoint("efficientnet_b3", "ra2_in1k", "efficientnet-b3",
            "EfficientNet-B3", rgb(288, 0.875, "bicubic", IMAGENET_MEAN, IMAGENET_STD).withTest(320, 1.0),
            "timm 0.4.12 efficientnet_b3 loaded efficientnet_b3_ra2-cf984f9c.pth (RandAugment 2, 288 px), now ra2_in1k"
                    + " (0.4.12's cfg: crop 1.0)");

    /** Not a Table 1 row: the distilled DeiT-B (its second head), for runs that compare the two DeiT variants. */
    public static final TimmCheckpoint DEIT_B_DISTILLED = new TimmCheckpoint("deit_base_distilled_patch16_224", "fb_in1k",
            "deit-b-distilled", "none (DeiT-B's distilled variant)", rgb(224, 0.9, "bicubic", IMAGENET_MEAN, IMAGENET_STD),
            "timm 0.4.12 deit_base_distilled_patch16_224 loaded Facebook's deit_base_distilled_patch16_224-df68dfff.pth, now"
                    + " fb_in1k (its only tag). Table 1's DeiT-B is taken to be the plain deit_base_patch16_224");

    /** Every Table 1 checkpoint, in the table's row order (ViT-B/16 first: the ViT-B and Ours rows). */
    public static final List<TimmCheckpoint> TABLE1 = List.of(VIT_B16, DEIT_B, CAIT_S24, PIT_B, RESNET50, RESNET101, RESNET152,
            EFFICIENTNET_B0, EFFICIENTNET_B1, EFFICIENTNET_B2, EFFICIENTNET_B3);
    /** Every checkpoint of the catalogue: Table 1's, then the extras (fetched by name or with --all, not with --table1). */
    public static final List<TimmCheckpoint> ALL = List.of(VIT_B16, DEIT_B, CAIT_S24, PIT_B, RESNET50, RESNET101, RESNET152,
            EFFICIENTNET_B0, EFFICIENTNET_B1, EFFICIENTNET_B2, EFFICIENTNET_B3, DEIT_B_DISTILLED);

    public TimmCheckpoint {
        if (!architecture.matches("[a-z0-9_]+") || !tag.matches("[a-z0-9_]+") || !alias.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("bad timm checkpoint name " + architecture + "." + tag + " (" + alias + ")");
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
        return architecture.equals(name) || name().equals(name) || hfHubId().equals(name) || alias.equals(name);
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
        JsonObject cfg = root.has("pretrained_cfg") && root.get("pretrained_cfg").isJsonObject()
                ? root.getAsJsonObject("pretrained_cfg") : new JsonObject();
        compare(out, "tag", cfg.get("tag"), tag);
        compare(out, "input_size", cfg.get("input_size"), pretrainedCfg.inputSize());
        compare(out, "crop_pct", cfg.get("crop_pct"), pretrainedCfg.cropPct());
        compare(out, "interpolation", cfg.get("interpolation"), pretrainedCfg.interpolation());
        compare(out, "mean", cfg.get("mean"), pretrainedCfg.mean());
        compare(out, "std", cfg.get("std"), pretrainedCfg.std());
        compare(out, "pretrained_cfg.num_classes", cfg.get("num_classes"), pretrainedCfg.numClasses());
        return out;
    }

    private static void compare(List<String> out, String field, JsonElement found, Object expected) {
        if (found == null || found.isJsonNull()) {
            return;
        }
        Object value = found.isJsonArray() ? numbers(found.getAsJsonArray(), expected)
                : expected instanceof String ? found.getAsString()
                : expected instanceof Integer ? (Object) found.getAsInt() : (Object) found.getAsDouble();
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

    /** The checkpoint known by this name (see {@link #answersTo}). */
    public static Optional<TimmCheckpoint> find(String name) {
        return ALL.stream().filter(c -> c.answersTo(name)).findFirst();
    }
}
