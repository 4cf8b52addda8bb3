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

    static JsonObject preset(String profile) {
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
     * Every run of the chosen tables for a profile: Table 1 (ViT, Instruction-ViT), Table 2 (VPT,
     * Instruction-ViT × prompts) and Table 3, few-shot ({@link FewShotPlan}: rows × k on the
     * preset's few-shot datasets), per dataset in that order.
     */
    public static List<ExperimentConfig> reproduce(String profile, List<Integer> tables, List<String> datasets) {
        List<ExperimentConfig> runs = new ArrayList<>();
        for (String dataset : datasets) {
            if (tables.contains(1)) {
                runs.add(of(profile, dataset, Method.VIT, null, TuningMode.FULL));
                runs.add(of(profile, dataset, Method.INSTRUCTION_VIT, PromptKind.TEXT.id(), TuningMode.FULL));
            }
            if (tables.contains(2)) {
                runs.add(of(profile, dataset, Method.VPT, null, TuningMode.PROMPT));
                for (PromptKind prompt : PAPER_PROMPT_KINDS) {
                    runs.add(of(profile, dataset, Method.INSTRUCTION_VIT, prompt.id(), TuningMode.PROMPT));
                }
            }
            if (tables.contains(FewShotPlan.TABLE)) {
                runs.addAll(FewShotPlan.of(profile).runs(dataset));
            }
        }
        return runs;
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
