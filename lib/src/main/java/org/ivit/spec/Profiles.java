package org.ivit.spec;

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
import org.ivit.backbone.Backbones;
import org.ivit.data.BenchmarkDataset;
import org.ivit.data.ProfileDatasets;
import org.ivit.data.augment.Normalization;
import org.ivit.io.PretrainedConfig;
import org.ivit.model.ModelVariant;
import org.ivit.prompt.PromptKind;

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

    /** The prompt kinds of the paper's Table 2, in its row order. */
    public static final List<PromptKind> PAPER_PROMPT_KINDS =
            List.of(PromptKind.TEXT, PromptKind.IMAGE, PromptKind.MIX);

    private Profiles() {}

    /** The preset resource of a profile, as named in errors. */
    static String presetName(String profile) {
        return "presets/" + profile + ".json";
    }

    static JsonObject preset(String profile) {
        if (!NAMES.contains(profile)) {
            throw new IllegalArgumentException(
                    "unknown profile '" + profile + "' (quick or paper)");
        }
        try (InputStream in =
                Objects.requireNonNull(
                        Profiles.class.getResourceAsStream(presetName(profile)),
                        presetName(profile))) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resolved config of one run of a profile. */
    public static ExperimentConfig of(
            String profile, String dataset, Method method, String prompt, TuningMode mode) {
        return builder(profile, dataset, method, prompt, mode).build();
    }

    /**
     * The preset's values for one run, to override before {@link ExperimentConfig.Builder#build}.
     */
    public static ExperimentConfig.Builder builder(
            String profile, String dataset, Method method, String prompt, TuningMode mode) {
        return builder(profile, dataset, method, null, prompt, mode);
    }

    /** The resolved config of one run on a registered backbone (null: the profile's). */
    public static ExperimentConfig of(
            String profile,
            String dataset,
            Method method,
            String backbone,
            String prompt,
            TuningMode mode) {
        return builder(profile, dataset, method, backbone, prompt, mode).build();
    }

    /**
     * The preset's values for one run on {@code backbone} (a {@link Backbones} id; null keeps the
     * preset's). In a profile whose preset says {@code "inputsFromCheckpoint": true} (the paper's),
     * the backbone's checkpoint then decides the weights, the resolution, the evaluation crop, the
     * interpolation and the normalisation: each baseline is fine-tuned as its timm pretrained
     * config prepares images. For ViT-B/16 these are the preset's own values, so its runs keep
     * their ids.
     */
    public static ExperimentConfig.Builder builder(
            String profile,
            String dataset,
            Method method,
            String backbone,
            String prompt,
            TuningMode mode) {
        return builder(profile, dataset, method, backbone, prompt, mode, null);
    }

    /**
     * {@link #builder(String, String, Method, String, String, TuningMode)} following {@code recipe}
     * (null: the preset's): the recipe replaces the preset's behaviour values before the rules
     * apply, so a rule may still say e.g. {@code "when": {"recipe": "authors"}}.
     */
    public static ExperimentConfig.Builder builder(
            String profile,
            String dataset,
            Method method,
            String backbone,
            String prompt,
            TuningMode mode,
            Recipe recipe) {
        JsonObject preset = preset(profile);
        String source = presetName(profile);
        TuningMode resolvedMode = method.mode(mode);
        int table = method.table(resolvedMode);
        String promptKind = method.promptKind(prompt);
        ExperimentConfig.Builder b =
                ExperimentConfig.Builder.empty(source)
                        .set(source, "profile", profile)
                        .set(source, "table", String.valueOf(table))
                        .set(source, "dataset", dataset)
                        .set(source, "method", method.id())
                        .set(source, "prompt", promptKind)
                        .set(source, "mode", resolvedMode.id());
        b.setDefaults(source, preset.getAsJsonObject("spec"));
        if (recipe != null) {
            b.set(source + " row", "recipe", recipe.id());
        }
        for (JsonElement r : preset.getAsJsonArray("rules")) {
            JsonObject rule = r.getAsJsonObject();
            boolean applies = true;
            for (Map.Entry<String, JsonElement> when : rule.getAsJsonObject("when").entrySet()) {
                Object have = b.get(when.getKey());
                String haveText =
                        have == null
                                ? null
                                : have instanceof Method m
                                        ? m.id()
                                        : have instanceof TuningMode t ? t.id() : have.toString();
                applies &= Objects.equals(haveText, ExperimentConfig.text(when.getValue()));
            }
            if (applies) {
                b.setAll(source, rule.getAsJsonObject("set"));
            }
        }
        if (backbone != null) {
            b.set(source, "backbone", backbone);
        }
        if (preset.has("inputsFromCheckpoint")
                && preset.get("inputsFromCheckpoint").getAsBoolean()) {
            ModelVariant chosen = Backbones.get((String) b.get("backbone"));
            String why =
                    "the checkpoint of backbone "
                            + chosen.id()
                            + " ("
                            + source
                            + ": inputsFromCheckpoint)";
            if (chosen.weights() == null) {
                throw new SpecException(
                        source,
                        "backbone",
                        "= '"
                                + chosen.id()
                                + "' has no timm checkpoint to start from in profile "
                                + profile
                                + "; registered with checkpoints: "
                                + Backbones.all().stream()
                                        .filter(x -> x.weights() != null)
                                        .map(ModelVariant::id)
                                        .toList());
            }
            PretrainedConfig input = chosen.weights().pretrainedCfg();
            b.set(why, "backboneWeights", chosen.weights().name());
            b.set(why, "imageSize", String.valueOf(input.resolution()));
            b.set(why, "evalCrop", String.valueOf(input.cropPct()));
            b.set(why, "interpolation", input.interpolation());
            b.set(
                    why,
                    "normalization",
                    Normalization.nameOf(input.mean(), input.std())
                            .orElseThrow(
                                    () ->
                                            new SpecException(
                                                    why,
                                                    "normalization",
                                                    "mean "
                                                            + input.mean()
                                                            + " / std "
                                                            + input.std()
                                                            + " is none of "
                                                            + Normalization.NAMES)));
        }
        return b;
    }

    /**
     * The seeds a profile trains each cell with (the preset's {@code "seeds"}). The first must be
     * the spec's {@code seed}: every run recorded before seed lists had it, and keeps its id.
     */
    public static SeedList seeds(String profile) {
        JsonObject preset = preset(profile);
        String source = presetName(profile);
        if (!preset.has("seeds") || !preset.get("seeds").isJsonArray()) {
            throw new SpecException(
                    source,
                    "seeds",
                    "is missing (a list of whole numbers, the profile's spec seed first)");
        }
        List<Integer> seeds = new ArrayList<>();
        for (JsonElement e : preset.getAsJsonArray("seeds")) {
            seeds.add(e.getAsInt());
        }
        SeedList list;
        try {
            list = new SeedList(seeds);
        } catch (IllegalArgumentException e) {
            throw new SpecException(source, "seeds", e.getMessage());
        }
        int specSeed = preset.getAsJsonObject("spec").get("seed").getAsInt();
        if (list.first() != specSeed) {
            throw new SpecException(
                    source,
                    "seeds",
                    "starts with "
                            + list.first()
                            + ", not the spec's seed "
                            + specSeed
                            + " (the first seed's runs keep the ids recorded before seed lists)");
        }
        return list;
    }

    /**
     * Every run of both tables for a profile with its first seed only: Table 1 (ViT,
     * Instruction-ViT, then in a profile with {@code "baselines": true} every other registered
     * Table 1 backbone in the table's row order), Table 2 (VPT, Instruction-ViT × prompts) and
     * Table 3, few-shot ({@link FewShotPlan}: rows × k on the preset's few-shot datasets), dataset
     * by dataset: the single-seed sweep of the runs recorded before seed lists.
     */
    public static List<ExperimentConfig> reproduce(
            String profile, List<Integer> tables, List<String> datasets) {
        return reproduce(profile, tables, datasets, SeedList.of(seeds(profile).first()));
    }

    /**
     * Every run of the chosen tables for each seed: seed by seed, each seed's runs in the order of
     * the single-seed sweep, so the first seed's runs come first and a sweep stopped early has
     * whole tables of its first seeds.
     */
    public static List<ExperimentConfig> reproduce(
            String profile, List<Integer> tables, List<String> datasets, SeedList seeds) {
        List<ExperimentConfig> runs = new ArrayList<>();
        for (int seed : seeds.values()) {
            for (String dataset : datasets) {
                runs.addAll(cells(profile, tables, dataset, seed));
            }
        }
        return runs;
    }

    /**
     * {@link #reproduce(String, List, List, SeedList)} with {@code --set} overrides applied to
     * every run (for a cheaper sweep, e.g. {@code trainLimit=1024}); the overrides change the run
     * ids, as any spec key does. Every key is checked here, before anything trains.
     */
    public static List<ExperimentConfig> reproduce(
            String profile,
            List<Integer> tables,
            List<String> datasets,
            SeedList seeds,
            Map<String, String> overrides) {
        List<ExperimentConfig> runs = new ArrayList<>();
        for (ExperimentConfig cfg : reproduce(profile, tables, datasets, seeds)) {
            if (overrides.isEmpty()) {
                runs.add(cfg);
                continue;
            }
            ExperimentConfig.Builder b = cfg.toBuilder();
            overrides.forEach((key, value) -> b.set("--set", key, value));
            runs.add(b.build());
        }
        return runs;
    }

    /** The table cells of one dataset, as runs of one seed. */
    static List<ExperimentConfig> cells(
            String profile, List<Integer> tables, String dataset, int seed) {
        List<ExperimentConfig> runs = new ArrayList<>();
        boolean baselines =
                preset(profile).has("baselines") && preset(profile).get("baselines").getAsBoolean();
        if (tables.contains(1)) {
            ExperimentConfig vit =
                    withSeed(profile, dataset, Method.VIT, null, null, TuningMode.FULL, seed);
            runs.add(vit);
            runs.add(
                    withSeed(
                            profile,
                            dataset,
                            Method.INSTRUCTION_VIT,
                            null,
                            PromptKind.TEXT.id(),
                            TuningMode.FULL,
                            seed));
            for (Recipe extra : extraRecipes(profile)) {
                runs.add(
                        withSeed(
                                profile,
                                dataset,
                                Method.INSTRUCTION_VIT,
                                null,
                                PromptKind.TEXT.id(),
                                TuningMode.FULL,
                                seed,
                                extra));
            }
            if (baselines) {
                for (ModelVariant b : Backbones.table1()) {
                    if (!b.id().equals(vit.backbone())) {
                        runs.add(
                                withSeed(
                                        profile,
                                        dataset,
                                        Method.CLASSIFIER,
                                        b.id(),
                                        null,
                                        TuningMode.FULL,
                                        seed));
                    }
                }
            }
        }
        if (tables.contains(2)) {
            runs.add(withSeed(profile, dataset, Method.VPT, null, null, TuningMode.PROMPT, seed));
            for (PromptKind prompt : PAPER_PROMPT_KINDS) {
                runs.add(
                        withSeed(
                                profile,
                                dataset,
                                Method.INSTRUCTION_VIT,
                                null,
                                prompt.id(),
                                TuningMode.PROMPT,
                                seed));
            }
            for (Recipe extra : extraRecipes(profile)) {
                for (PromptKind prompt : PAPER_PROMPT_KINDS) {
                    runs.add(
                            withSeed(
                                    profile,
                                    dataset,
                                    Method.INSTRUCTION_VIT,
                                    null,
                                    prompt.id(),
                                    TuningMode.PROMPT,
                                    seed,
                                    extra));
                }
            }
        }
        if (tables.contains(FewShotPlan.TABLE)) {
            runs.addAll(FewShotPlan.of(profile).runs(dataset, List.of(seed)));
        }
        return runs;
    }

    /**
     * The recipes whose Instruction-ViT cells a profile also runs as rows of their own (the
     * preset's {@code "alsoRecipes"}, e.g. the quick profile's {@code ["authors"]}); none when
     * absent.
     */
    public static List<Recipe> extraRecipes(String profile) {
        JsonObject preset = preset(profile);
        List<Recipe> recipes = new ArrayList<>();
        if (preset.has("alsoRecipes")) {
            for (JsonElement e : preset.getAsJsonArray("alsoRecipes")) {
                recipes.add(Recipe.fromId(e.getAsString()));
            }
        }
        return recipes;
    }

    private static ExperimentConfig withSeed(
            String profile,
            String dataset,
            Method method,
            String backbone,
            String prompt,
            TuningMode mode,
            int seed) {
        return withSeed(profile, dataset, method, backbone, prompt, mode, seed, null);
    }

    private static ExperimentConfig withSeed(
            String profile,
            String dataset,
            Method method,
            String backbone,
            String prompt,
            TuningMode mode,
            int seed,
            Recipe recipe) {
        return builder(profile, dataset, method, backbone, prompt, mode, recipe)
                .set(presetName(profile) + " seeds", "seed", String.valueOf(seed))
                .build();
    }

    /**
     * The datasets a profile runs when none are named: its preset's {@code datasets} ({@link
     * ProfileDatasets}).
     */
    public static List<String> defaultDatasets(String profile) {
        preset(profile); // an unknown profile is named as such
        return ProfileDatasets.of(profile).stream().map(BenchmarkDataset::id).toList();
    }

    /** The first of {@link #defaultDatasets}: what {@code train} uses without {@code --dataset}. */
    public static String defaultDataset(String profile) {
        return defaultDatasets(profile).get(0);
    }
}
