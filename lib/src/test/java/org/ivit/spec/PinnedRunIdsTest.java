package org.ivit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ivit.Project;
import org.ivit.runs.QuickBackbone;
import org.ivit.runs.QuickPretraining;
import org.ivit.train.RunIds;
import org.junit.jupiter.api.Test;

/**
 * Run ids are the names of recorded runs (results/runs/&lt;id&gt;, the tables' provenance lines).
 * They are stored in each run's config.json and found by spec ({@link RunIds}), so a change to the
 * spec's hashing leaves the committed runs where they are: these literals are the committed quick
 * runs' folders.
 */
public class PinnedRunIdsTest {
    /**
     * The quick profile's first-seed runs. Its spec changed on purpose twice: trainLimit 6000 to
     * 2000 and valLimit 1000 (for the notebooks' time budget), then the two recipes: the
     * Instruction-ViT runs follow recipe paper (prompt tokens fixed, prompt_proj trained in prompt
     * mode, the paper's similarity loss), which gave them new ids, and each Instruction-ViT cell
     * has a second row under recipe authors. The ViT and VPT runs, the paper profile's ViT, VPT and
     * baseline runs and the quick pretraining kept theirs.
     */
    public static final List<String> QUICK =
            List.of(
                    "quick-fashion_mnist-vit-full-72655244",
                    "quick-fashion_mnist-instruction-vit-text-full-f9af1fa4",
                    "quick-fashion_mnist-instruction-vit-text-full-ea5042ee",
                    "quick-fashion_mnist-vpt-prompt-d7e2d3b1",
                    "quick-fashion_mnist-instruction-vit-text-prompt-4a71ab51",
                    "quick-fashion_mnist-instruction-vit-image-prompt-480c46b0",
                    "quick-fashion_mnist-instruction-vit-mix-prompt-d0e70c9b",
                    "quick-fashion_mnist-instruction-vit-text-prompt-4157e4ca",
                    "quick-fashion_mnist-instruction-vit-image-prompt-bc8e46cd",
                    "quick-fashion_mnist-instruction-vit-mix-prompt-216693c0");

    /**
     * The ViT, VPT and Instruction-ViT runs of a profile (the baselines came later and are pinned
     * below).
     */
    private static List<String> ids(String profile) {
        List<String> ids = new ArrayList<>();
        for (ExperimentConfig cfg :
                Profiles.reproduce(profile, List.of(1, 2), Profiles.defaultDatasets(profile))) {
            if (cfg.method() != Method.CLASSIFIER) {
                ids.add(committed("runs").idFor(cfg));
            }
        }
        return ids;
    }

    /** The runs recorded in the checkout's results folder. */
    private static RunIds committed(String folder) {
        return RunIds.in(Project.root().resolve("results").resolve(folder));
    }

    @Test
    void everyCommittedRecordStoresTheIdOfItsFolder() throws Exception {
        int records = 0;
        for (String folder : List.of("runs", "ablations", "pretraining")) {
            try (var dirs = Files.list(Project.root().resolve("results").resolve(folder))) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    assertEquals(
                            dir.getFileName().toString(),
                            RunIds.storedId(dir.resolve("config.json")),
                            dir.toString());
                    RunIds.read(dir.resolve("config.json")); // every committed spec reads back
                    records++;
                }
            }
        }
        assertEquals(44, records, "42 quick runs, the simLoss ablation and the quick pretraining");
    }

    @Test
    void everyQuickRunOfEverySeedIsFoundUnderItsCommittedId() {
        RunIds recorded = committed("runs");
        List<ExperimentConfig> all =
                Profiles.reproduce(
                        Profiles.QUICK,
                        List.of(1, 2),
                        Profiles.defaultDatasets(Profiles.QUICK),
                        Profiles.seeds(Profiles.QUICK));
        assertEquals(30, all.size());
        for (ExperimentConfig cfg : all) {
            assertTrue(recorded.isRecorded(cfg), cfg.toJson());
        }
    }

    @Test
    void aNewRunsIdHashesTheSpecVersionAndEveryKey() {
        ExperimentConfig cfg =
                Profiles.of(Profiles.QUICK, "fashion_mnist", Method.VIT, null, TuningMode.FULL);
        assertTrue(
                cfg.canonicalJson()
                        .startsWith("{\n  \"specVersion\": " + ExperimentConfig.SPEC_VERSION + ","),
                cfg.canonicalJson());
        for (String key : ExperimentConfig.KEYS) {
            assertTrue(cfg.canonicalJson().contains("\"" + key + "\": "), key);
        }
        // the same spec has one id; a spec that differs in any key has another
        assertEquals(
                cfg.newRunId(),
                Profiles.of(Profiles.QUICK, "fashion_mnist", Method.VIT, null, TuningMode.FULL)
                        .newRunId());
        assertNotEquals(cfg.newRunId(), cfg.with("evalCrop", "0.9").newRunId());
        assertTrue(
                cfg.newRunId().matches("quick-fashion_mnist-vit-full-[0-9a-f]{8}"), cfg.newRunId());
        // pinned: a change to the canonical form must raise SPEC_VERSION on purpose (and then this
        // literal)
        assertEquals("quick-fashion_mnist-vit-full-" + PINNED_VIT_V2, cfg.newRunId());
    }

    static final String PINNED_VIT_V2 = "54ac222b";

    @Test
    void everyQuickRunKeepsItsId() {
        assertEquals(QUICK, ids(Profiles.QUICK));
    }

    @Test
    void eachTableAloneGivesTheSameIds() {
        RunIds recorded = committed("runs");
        List<String> quick = new ArrayList<>();
        for (ExperimentConfig cfg :
                Profiles.reproduce(
                        Profiles.QUICK, List.of(1), Profiles.defaultDatasets(Profiles.QUICK))) {
            quick.add(recorded.idFor(cfg));
        }
        for (ExperimentConfig cfg :
                Profiles.reproduce(
                        Profiles.QUICK, List.of(2), Profiles.defaultDatasets(Profiles.QUICK))) {
            quick.add(recorded.idFor(cfg));
        }
        assertEquals(QUICK, quick);
    }

    @Test
    void theQuickPretrainingKeepsItsId() {
        assertEquals("quick-fashion_mnist-vit-full-0083c40b", QuickBackbone.runId());
        assertTrue(committed("pretraining").isRecorded(QuickPretraining.config()));
    }
}
