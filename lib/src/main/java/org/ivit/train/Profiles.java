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
import org.ivit.data.BenchmarkDataset;
import org.ivit.prompt.PromptKind;
import org.ivit.data.ProfileDatasets;

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
    public static final List<PromptKind> PAPER_PROMPT_KINDS = List.of(PromptKind.TEXT, PromptKind.IMAGE, PromptKind.MIX);

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
            throw new SpecException(source, "seeds", "is missing (a list of whole numbers, the profile's spec seed first)");
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
            throw new SpecException(source, "seeds", "starts with " + list.first() + ", not the spec's seed " + specSeed
                    + " (the first seed's runs keep the ids recorded before seed lists)");
        }
        return list;
    }

    /**
     * Every run of both tables for a profile with its first seed only: Table 1 (ViT,
     * Instruction-ViT) and Table 2 (VPT, Instruction-ViT × prompts), the single-seed sweep of the
     * runs recorded before seed lists.
     */
    public static List<ExperimentConfig> reproduce(String profile, List<Integer> tables, List<String> datasets) {
        return reproduce(profile, tables, datasets, SeedList.of(seeds(profile).first()));
    }

    /**
     * Every run of the chosen tables for each seed: seed by seed, each seed's runs in the order of
     * the single-seed sweep, so the first seed's runs come first and a sweep stopped early has
     * whole tables of its first seeds.
     */
    public static List<ExperimentConfig> reproduce(String profile, List<Integer> tables, List<String> datasets, SeedList seeds) {
        List<ExperimentConfig> runs = new ArrayList<>();
        for (int seed : seeds.values()) {
            for (String dataset : datasets) {
                runs.addAll(cells(profile, tables, dataset, seed));
            }
        }
        return runs;
    }

    /**
     * {@link #reproduce(String, List, List, SeedList)} with {@code --set} overrides applied to every run
     * (for a cheaper sweep, e.g. {@code trainLimit=1024}); the overrides change the run ids, as any spec
     * key does. Every key is checked here, before anything trains.
     */
    public static List<ExperimentConfig> reproduce(String profile, List<Integer> tables, List<String> datasets,
                                                   SeedList seeds, Map<String, String> overrides) {
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
    static List<ExperimentConfig> cells(String profile, List<Integer> tables, String dataset, int seed) {
        List<ExperimentConfig> runs = new ArrayList<>();
        if (tables.contains(1)) {
            runs.add(withSeed(profile, dataset, Method.VIT, null, TuningMode.FULL, seed));
            runs.add(withSeed(profile, dataset, Method.INSTRUCTION_VIT, PromptKind.TEXT.id(), TuningMode.FULL, seed));
        }
        if (tables.contains(2)) {
            runs.add(withSeed(profile, dataset, Method.VPT, null, TuningMode.PROMPT, seed));
            for (PromptKind prompt : PAPER_PROMPT_KINDS) {
                runs.add(withSeed(profile, dataset, Method.INSTRUCTION_VIT, prompt.id(), TuningMode.PROMPT, seed));
            }
        }
        return runs;
    }

    private static ExperimentConfig withSeed(String profile, String dataset, Method method, String prompt, TuningMode mode,
                                             int seed) {
        return builder(profile, dataset, method, prompt, mode).set(presetName(profile) + " seeds", "seed", String.valueOf(seed))
                .build();
    }

    /** The datasets a profile runs when none are named: its preset's {@code datasets} ({@link ProfileDatasets}). */
    public static List<String> defaultDatasets(String profile) {
        preset(profile); // an unknown profile is named as such
        return ProfileDatasets.of(profile).stream().map(BenchmarkDataset::id).toList();
    }

    /** The first of {@link #defaultDatasets}: what {@code train} uses without {@code --dataset}. */
    public static String defaultDataset(String profile) {
        return defaultDatasets(profile).get(0);
    }
}
