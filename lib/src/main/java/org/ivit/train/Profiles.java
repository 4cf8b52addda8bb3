package org.ivit.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ivit.backbone.Backbone;
import org.ivit.backbone.Backbones;
import org.ivit.data.augment.Normalization;
import org.ivit.data.prepare.Caltech101Recipe;
import org.ivit.io.PretrainedConfig;
import org.ivit.data.prepare.FashionMnistRecipe;
import org.ivit.data.prepare.Flowers102Recipe;
import org.ivit.data.prepare.OxfordPetsRecipe;
import org.ivit.data.prepare.StanfordCarsRecipe;

/**
 * The two profiles, each a preset resource ({@code presets/<profile>.json}): the spec's values and
 * rules that change some of them for a dataset, method or mode. {@code paper}: the paper's recipe
 * on ViT-B/16. {@code quick}: Fashion-MNIST with a tiny ViT, for CI and first contact. The
 * resources say why each value is what it is.
 */
public final class Profiles {
    public static final String QUICK = "quick";
    public static final String PAPER = "paper";
    /** Every profile, each with its preset resource. */
    public static final List<String> NAMES = List.of(QUICK, PAPER);
    /** The paper's four datasets in the order of its tables, by the ids {@code prepare} writes. */
    public static final List<String> PAPER_DATASETS = List.of(Caltech101Recipe.NAME, OxfordPetsRecipe.NAME,
            StanfordCarsRecipe.NAME, Flowers102Recipe.NAME);
    /** The quick profile's dataset. */
    public static final String QUICK_DATASET = FashionMnistRecipe.NAME;

    private Profiles() {}

    /** The preset resource of a profile, as named in errors. */
    static String presetName(String profile) {
        return "presets/" + profile + ".json";
    }

    private static JsonObject preset(String profile) {
        if (!NAMES.contains(profile)) {
            throw new IllegalArgumentException("unknown profile '" + profile + "' (quick or paper)");
        }
        try (InputStream in = Objects.requireNonNull(Profiles.class.getResourceAsStream(presetName(profile)), presetName(profile))) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resolved config of one run of a profile. */
    public static ExperimentConfig of(String profile, String dataset, Method method, String prompt, TuningMode mode) {
        return builder(profile, dataset, method, prompt, mode).build();
    }

    /** The preset's values for one run, to override before {@link ExperimentConfig.Builder#build}. */
    public static ExperimentConfig.Builder builder(String profile, String dataset, Method method, String prompt, TuningMode mode) {
        return builder(profile, dataset, method, null, prompt, mode);
    }

    /** The resolved config of one run on a registered backbone (null: the profile's). */
    public static ExperimentConfig of(String profile, String dataset, Method method, String backbone, String prompt, TuningMode mode) {
        return builder(profile, dataset, method, backbone, prompt, mode).build();
    }

    /**
     * The preset's values for one run on {@code backbone} (a {@link Backbones} id; null keeps the
     * preset's). In a profile whose preset says {@code "inputsFromCheckpoint": true} (the paper's),
     * the backbone's checkpoint then decides the weights, the resolution, the evaluation crop, the
     * interpolation and the normalisation: each baseline is fine-tuned as its timm pretrained config
     * prepares images. For ViT-B/16 these are the preset's own values, so its runs keep their ids.
     */
    public static ExperimentConfig.Builder builder(String profile, String dataset, Method method, String backbone, String prompt,
                                                   TuningMode mode) {
        JsonObject preset = preset(profile);
        String source = presetName(profile);
        TuningMode resolvedMode = method.strategy().mode(mode);
        int table = method.strategy().table(resolvedMode);
        String promptKind = method.strategy().promptKind(prompt);
        ExperimentConfig.Builder b = ExperimentConfig.Builder.empty(source)
                .set(source, "profile", profile).set(source, "table", String.valueOf(table)).set(source, "dataset", dataset)
                .set(source, "method", method.id()).set(source, "prompt", promptKind).set(source, "mode", resolvedMode.id());
        b.setAll(source, preset.getAsJsonObject("spec"));
        for (JsonElement r : preset.getAsJsonArray("rules")) {
            JsonObject rule = r.getAsJsonObject();
            boolean applies = true;
            for (Map.Entry<String, JsonElement> when : rule.getAsJsonObject("when").entrySet()) {
                Object have = b.get(when.getKey());
                String haveText = have == null ? null : have instanceof Method m ? m.id() : have instanceof TuningMode t ? t.id()
                        : have.toString();
                applies &= Objects.equals(haveText, ExperimentConfig.text(when.getValue()));
            }
            if (applies) {
                b.setAll(source, rule.getAsJsonObject("set"));
            }
        }
        if (backbone != null) {
            b.set(source, "backbone", backbone);
        }
        if (preset.has("inputsFromCheckpoint") && preset.get("inputsFromCheckpoint").getAsBoolean()) {
            Backbone chosen = Backbones.get((String) b.get("backbone"));
            String why = "the checkpoint of backbone " + chosen.id() + " (" + source + ": inputsFromCheckpoint)";
            if (chosen.weights() == null) {
                throw new SpecException(source, "backbone", "= '" + chosen.id() + "' has no timm checkpoint to start from in profile "
                        + profile + "; registered with checkpoints: " + Backbones.all().stream().filter(x -> x.weights() != null)
                        .map(Backbone::id).toList());
            }
            PretrainedConfig input = chosen.weights().pretrainedCfg();
            b.set(why, "backboneWeights", chosen.weights().name());
            b.set(why, "imageSize", String.valueOf(input.resolution()));
            b.set(why, "evalCrop", String.valueOf(input.cropPct()));
            b.set(why, "interpolation", input.interpolation());
            b.set(why, "normalization", Normalization.nameOf(input.mean(), input.std()).orElseThrow(() -> new SpecException(why,
                    "normalization", "mean " + input.mean() + " / std " + input.std() + " is none of " + Normalization.NAMES)));
        }
        return b;
    }

    /**
     * Every run of both tables for a profile: Table 1 (ViT, Instruction-ViT, then in a profile with
     * {@code "baselines": true} every other registered Table 1 backbone in the table's row order) and
     * Table 2 (VPT, Instruction-ViT × prompts), dataset by dataset.
     */
    public static List<ExperimentConfig> reproduce(String profile, List<Integer> tables, List<String> datasets) {
        List<ExperimentConfig> runs = new ArrayList<>();
        boolean baselines = preset(profile).has("baselines") && preset(profile).get("baselines").getAsBoolean();
        for (String dataset : datasets) {
            if (tables.contains(1)) {
                ExperimentConfig vit = of(profile, dataset, Method.VIT, null, TuningMode.FULL);
                runs.add(vit);
                runs.add(of(profile, dataset, Method.INSTRUCTION_VIT, "text", TuningMode.FULL));
                if (baselines) {
                    for (Backbone b : Backbones.table1()) {
                        if (!b.id().equals(vit.backbone())) {
                            runs.add(of(profile, dataset, Method.CLASSIFIER, b.id(), null, TuningMode.FULL));
                        }
                    }
                }
            }
            if (tables.contains(2)) {
                runs.add(of(profile, dataset, Method.VPT, null, TuningMode.PROMPT));
                for (String prompt : List.of("text", "image", "mix")) {
                    runs.add(of(profile, dataset, Method.INSTRUCTION_VIT, prompt, TuningMode.PROMPT));
                }
            }
        }
        return runs;
    }

    public static List<String> defaultDatasets(String profile) {
        return profile.equals(QUICK) ? List.of(QUICK_DATASET) : PAPER_DATASETS;
    }
}
