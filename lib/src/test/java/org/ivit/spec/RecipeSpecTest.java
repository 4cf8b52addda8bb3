package org.ivit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ivit.loss.SimilarityLoss;
import org.ivit.model.TimmClassifier;
import org.ivit.train.MethodStrategy;
import org.ivit.train.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two recipes: what each sets, that explicit keys win, and that config.json records every
 * behaviour key.
 */
class RecipeSpecTest {
    private static ExperimentConfig quick(Method method, String prompt, TuningMode mode) {
        return Profiles.of(Profiles.QUICK, "fashion_mnist", method, prompt, mode);
    }

    @Test
    void bothProfilesFollowThePaperByDefault() {
        for (String profile : Profiles.NAMES) {
            ExperimentConfig cfg =
                    Profiles.of(
                            profile,
                            Profiles.defaultDataset(profile),
                            Method.INSTRUCTION_VIT,
                            "text",
                            TuningMode.PROMPT);
            assertEquals(Recipe.PAPER, cfg.behaviour().recipe(), profile);
            assertEquals(PromptTokens.FIXED, cfg.behaviour().promptTokens(), profile);
            assertTrue(cfg.prompt().trainPromptProj(), profile);
            assertEquals(SimilarityLoss.PAPER, cfg.prompt().simLoss(), profile);
            assertFalse(cfg.schedule().perEpochSchedule(), profile);
            assertEquals(0, cfg.behaviour().selectFromEpoch(), profile);
        }
    }

    @Test
    void theAuthorsRecipeIsTheScriptAsItRuns() {
        ExperimentConfig cfg =
                Profiles.of(
                                Profiles.PAPER,
                                "caltech101",
                                Method.INSTRUCTION_VIT,
                                "text",
                                TuningMode.PROMPT)
                        .with("recipe", "authors");
        assertEquals(PromptTokens.FIXED, cfg.behaviour().promptTokens());
        assertFalse(cfg.prompt().trainPromptProj(), "head only in prompt mode");
        assertEquals(SimilarityLoss.AUTHORS, cfg.prompt().simLoss());
        assertTrue(cfg.schedule().perEpochSchedule());
        assertEquals(1, cfg.behaviour().timmStepsPerEpoch());
        assertTrue(cfg.data().mixup());
        assertEquals(0.1, cfg.behaviour().mixupProb());
        assertEquals(0.1, cfg.behaviour().labelSmoothing());
        assertTrue(cfg.behaviour().oddBatchHardLabels());
        assertEquals(10, cfg.behaviour().selectFromEpoch());
        assertEquals(
                SelectionRule.VAL, cfg.selection(), "selected on a validation split, not test");
    }

    @Test
    void anExplicitKeyOverridesTheRecipeWhicheverComesFirst() {
        ExperimentConfig base =
                Profiles.of(
                        Profiles.PAPER,
                        "caltech101",
                        Method.INSTRUCTION_VIT,
                        "text",
                        TuningMode.PROMPT);
        ExperimentConfig before =
                base.toBuilder()
                        .set("--set", "simLoss", "paper")
                        .set("--set", "recipe", "authors")
                        .build();
        ExperimentConfig after =
                base.toBuilder()
                        .set("--set", "recipe", "authors")
                        .set("--set", "simLoss", "paper")
                        .build();
        for (ExperimentConfig cfg : List.of(before, after)) {
            assertEquals(SimilarityLoss.PAPER, cfg.prompt().simLoss());
            assertTrue(cfg.schedule().perEpochSchedule(), "the rest follows the recipe");
        }
        // a config that differs from its recipe keeps the difference when the recipe changes
        ExperimentConfig trained = base.with("promptTokens", "trained").with("recipe", "authors");
        assertEquals(PromptTokens.TRAINED, trained.behaviour().promptTokens());
        assertEquals(Recipe.PAPER, trained.with("recipe", "paper").behaviour().recipe());
        assertEquals(
                PromptTokens.TRAINED, trained.with("recipe", "paper").behaviour().promptTokens());
    }

    @Test
    void whatTrainsFollowsPromptTokensAndTrainPromptProj() {
        java.util.function.BiFunction<ExperimentConfig, String, Boolean> trains =
                (cfg, name) ->
                        MethodStrategy.of(Method.INSTRUCTION_VIT)
                                .trainable(cfg, (TimmClassifier) null)
                                .test(name);
        ExperimentConfig paperPrompt =
                Profiles.of(
                        Profiles.PAPER,
                        "caltech101",
                        Method.INSTRUCTION_VIT,
                        "text",
                        TuningMode.PROMPT);
        assertEquals(
                List.of(true, true, false, false),
                List.of(
                        trains.apply(paperPrompt, "head.weight"),
                        trains.apply(paperPrompt, "prompt_proj.weight"),
                        trains.apply(paperPrompt, "prompt_token"),
                        trains.apply(paperPrompt, "blocks.0.attn.qkv.weight")));
        ExperimentConfig authorsPrompt = paperPrompt.with("recipe", "authors");
        assertEquals(
                List.of(true, false, false),
                List.of(
                        trains.apply(authorsPrompt, "head.weight"),
                        trains.apply(authorsPrompt, "prompt_proj.weight"),
                        trains.apply(authorsPrompt, "prompt_token")));
        ExperimentConfig full =
                Profiles.of(
                                Profiles.PAPER,
                                "caltech101",
                                Method.INSTRUCTION_VIT,
                                "text",
                                TuningMode.FULL)
                        .with("recipe", "authors");
        assertEquals(
                List.of(true, true, false),
                List.of(
                        trains.apply(full, "blocks.0.attn.qkv.weight"),
                        trains.apply(full, "prompt_proj.weight"),
                        trains.apply(full, "prompt_token")));
        assertTrue(
                trains.apply(full.with("promptTokens", "trained"), "prompt_token"),
                "the package's earlier behaviour, on request");
    }

    @Test
    void theQuickAuthorsRowsScaleTheScheduleAndHaveTheirOwnIds() {
        List<ExperimentConfig> runs =
                Profiles.reproduce(Profiles.QUICK, List.of(1, 2), List.of("fashion_mnist"));
        List<ExperimentConfig> authors =
                runs.stream().filter(c -> c.behaviour().recipe() == Recipe.AUTHORS).toList();
        assertEquals(
                4,
                authors.size(),
                "Instruction-ViT text full, and text, image, mix in prompt mode");
        for (ExperimentConfig cfg : authors) {
            assertEquals(10, cfg.behaviour().timmStepsPerEpoch());
            assertEquals(1, cfg.schedule().tInitial());
            assertEquals(0.5, cfg.schedule().warmupEpochs());
            assertEquals(2, cfg.schedule().epochs());
            assertEquals(1, cfg.behaviour().selectFromEpoch());
            assertEquals(Method.INSTRUCTION_VIT, cfg.method());
        }
        assertEquals(runs.size(), runs.stream().map(ExperimentConfig::newRunId).distinct().count());
        ExperimentConfig paperText = runs.get(1);
        assertEquals(
                paperText.newRunId().substring(0, paperText.newRunId().lastIndexOf('-')),
                authors.get(0).newRunId().substring(0, authors.get(0).newRunId().lastIndexOf('-')));
        assertNotEquals(paperText.newRunId(), authors.get(0).newRunId());
    }

    @Test
    void configJsonRecordsEveryBehaviourKey(@TempDir Path runs) throws Exception {
        ExperimentConfig cfg =
                Profiles.builder(
                                Profiles.QUICK,
                                "fashion_mnist",
                                Method.INSTRUCTION_VIT,
                                null,
                                "text",
                                TuningMode.PROMPT,
                                Recipe.AUTHORS)
                        .build();
        RunDirectory dir = new RunDirectory(runs, cfg);
        dir.writeConfig(cfg, org.ivit.train.RunOrigin.ofCommit("test"));
        Path file = runs.resolve(cfg.newRunId()).resolve("config.json");
        JsonObject written = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        Map<String, String> expected =
                Map.ofEntries(
                        Map.entry("recipe", "authors"),
                        Map.entry("promptTokens", "fixed"),
                        Map.entry("trainPromptProj", "false"),
                        Map.entry("simLoss", "authors"),
                        Map.entry("perEpochSchedule", "true"),
                        Map.entry("timmStepsPerEpoch", "10"),
                        Map.entry("mixup", "true"),
                        Map.entry("mixupProb", "0.1"),
                        Map.entry("labelSmoothing", "0.1"),
                        Map.entry("oddBatchHardLabels", "true"),
                        Map.entry("selectFromEpoch", "1"));
        assertEquals(expected.keySet(), new java.util.HashSet<>(ExperimentConfig.BEHAVIOUR_KEYS));
        expected.forEach((key, value) -> assertEquals(value, written.get(key).getAsString(), key));
        ExperimentConfig read = ExperimentConfig.fromJson(Files.readString(file), file.toString());
        assertEquals(cfg, read);
        assertEquals(cfg.newRunId(), read.newRunId());
    }

    /**
     * A key that does not change what a run trains (a ViT's similarity loss and prompt tokens)
     * takes a fixed value in the effective spec, so a record written under another recipe is the
     * same run, and keeps its id; a key that does change it makes another run.
     */
    @Test
    void aRecordWhoseInertKeysDifferIsTheSameRun() {
        ExperimentConfig vit = quick(Method.VIT, null, TuningMode.FULL);
        ExperimentConfig otherInert =
                vit.with("simLoss", "authors")
                        .with("promptTokens", "trained")
                        .with("trainPromptProj", "true");
        assertNotEquals(vit, otherInert);
        assertEquals(vit.effective(), otherInert.effective());
        assertEquals(vit.newRunId(), otherInert.newRunId());
        ExperimentConfig ivit = quick(Method.INSTRUCTION_VIT, "text", TuningMode.FULL);
        assertNotEquals(
                ivit.newRunId(),
                ivit.with(
                                "simLoss",
                                ivit.prompt().simLoss() == org.ivit.loss.SimilarityLoss.PAPER
                                        ? "authors"
                                        : "paper")
                        .newRunId(),
                "Instruction-ViT trains with its similarity loss");
    }

    @Test
    void noSelectableEpochIsAClearError() {
        SpecException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        SpecException.class,
                        () ->
                                quick(Method.VIT, null, TuningMode.FULL)
                                        .with("selectFromEpoch", "2"));
        assertTrue(e.getMessage().contains("selectFromEpoch"), e.getMessage());
    }
}
