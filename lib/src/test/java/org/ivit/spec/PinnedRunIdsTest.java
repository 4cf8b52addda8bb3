package org.ivit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ivit.runs.QuickPretraining;
import org.ivit.train.SyntheticRuns;

/**
 * Run ids are the names of recorded runs (results/runs/&lt;id&gt;, the tables' provenance lines), so a
 * refactor of the experiment description must not change them. These literals were computed by the
 * code before the typed spec; the canonical form that reproduces them is documented on
 * {@link ExperimentConfig#canonicalJson()}.
 */
public class PinnedRunIdsTest {
    /**
     * The quick profile's first-seed runs. Its spec changed on purpose twice: trainLimit 6000 to 2000 and
     * valLimit 1000 (for the notebooks' time budget), then the two recipes: the Instruction-ViT runs follow
     * recipe paper (prompt tokens fixed, prompt_proj trained in prompt mode, the paper's similarity loss),
     * which gave them new ids, and each Instruction-ViT cell has a second row under recipe authors. The ViT
     * and VPT runs, the paper profile's ViT, VPT and baseline runs and the quick pretraining kept theirs.
     */
    public static final List<String> QUICK = List.of(
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
    /** The paper profile's runs: the ViT and VPT ids are those recorded before the recipes; Instruction-ViT's follow recipe paper. */
    public static final List<String> PAPER = List.of(
            "paper-caltech101-vit-full-c41eb678",
            "paper-caltech101-instruction-vit-text-full-06fdfc46",
            "paper-caltech101-vpt-prompt-c9c67d94",
            "paper-caltech101-instruction-vit-text-prompt-b38afad6",
            "paper-caltech101-instruction-vit-image-prompt-2e56d235",
            "paper-caltech101-instruction-vit-mix-prompt-70d3b8bc",
            "paper-oxford_pets-vit-full-b3e02fd7",
            "paper-oxford_pets-instruction-vit-text-full-24594150",
            "paper-oxford_pets-vpt-prompt-8643a7fd",
            "paper-oxford_pets-instruction-vit-text-prompt-5e6cb205",
            "paper-oxford_pets-instruction-vit-image-prompt-ccc6ed7f",
            "paper-oxford_pets-instruction-vit-mix-prompt-c712dc00",
            "paper-stanford_cars-vit-full-e7f78cf0",
            "paper-stanford_cars-instruction-vit-text-full-471a46a7",
            "paper-stanford_cars-vpt-prompt-01a3e3a3",
            "paper-stanford_cars-instruction-vit-text-prompt-a7b4c290",
            "paper-stanford_cars-instruction-vit-image-prompt-24e2e9cc",
            "paper-stanford_cars-instruction-vit-mix-prompt-f74290a7",
            "paper-flowers102-vit-full-4c8a2f96",
            "paper-flowers102-instruction-vit-text-full-b7cd05f7",
            "paper-flowers102-vpt-prompt-bb3c9e99",
            "paper-flowers102-instruction-vit-text-prompt-ac4862e6",
            "paper-flowers102-instruction-vit-image-prompt-e75b719a",
            "paper-flowers102-instruction-vit-mix-prompt-9a34ab88");

    /** The ViT, VPT and Instruction-ViT runs of a profile (the baselines came later and are pinned below). */
    private static List<String> ids(String profile) {
        List<String> ids = new ArrayList<>();
        for (ExperimentConfig cfg : Profiles.reproduce(profile, List.of(1, 2), Profiles.defaultDatasets(profile))) {
            if (cfg.method() != Method.CLASSIFIER) {
                ids.add(cfg.newRunId());
            }
        }
        return ids;
    }

    /** The paper profile's 40 Table 1 baseline runs: ten backbones in the table's row order, on each dataset. */
    @Test
    void thePaperBaselinesHaveTheirOwnIds() {
        List<ExperimentConfig> baselines = Profiles.reproduce(Profiles.PAPER, List.of(1, 2), Profiles.defaultDatasets(Profiles.PAPER))
                .stream().filter(c -> c.method() == Method.CLASSIFIER).toList();
        assertEquals(40, baselines.size());
        assertEquals(List.of(BASELINES_CALTECH), baselines.subList(0, 10).stream().map(ExperimentConfig::newRunId).toList());
        assertEquals("paper-flowers102-efficientnet_b3-full-" + FLOWERS_B3, baselines.get(39).newRunId());
        assertEquals(40, baselines.stream().map(ExperimentConfig::newRunId).distinct().count());
    }

    static final String[] BASELINES_CALTECH = {
            "paper-caltech101-deit_base_patch16_224-full-cf9e8c2f",
            "paper-caltech101-cait_s24_224-full-406a242b",
            "paper-caltech101-pit_b_224-full-7b00a47c",
            "paper-caltech101-resnet50-full-cd9fac60",
            "paper-caltech101-resnet101-full-9d38d899",
            "paper-caltech101-resnet152-full-850ce5d3",
            "paper-caltech101-efficientnet_b0-full-8a7e3340",
            "paper-caltech101-efficientnet_b1-full-71723c44",
            "paper-caltech101-efficientnet_b2-full-178e1a36",
            "paper-caltech101-efficientnet_b3-full-d6e34bc2"};
    static final String FLOWERS_B3 = "26b6924e";

    @Test
    void everyQuickRunKeepsItsId() {
        assertEquals(QUICK, ids(Profiles.QUICK));
    }

    @Test
    void everyPaperRunKeepsItsId() {
        assertEquals(PAPER, ids(Profiles.PAPER));
    }

    @Test
    void eachTableAloneGivesTheSameIds() {
        List<String> quick = new ArrayList<>();
        for (ExperimentConfig cfg : Profiles.reproduce(Profiles.QUICK, List.of(1), Profiles.defaultDatasets(Profiles.QUICK))) {
            quick.add(cfg.newRunId());
        }
        for (ExperimentConfig cfg : Profiles.reproduce(Profiles.QUICK, List.of(2), Profiles.defaultDatasets(Profiles.QUICK))) {
            quick.add(cfg.newRunId());
        }
        assertEquals(QUICK, quick);
    }

    @Test
    void theQuickPretrainingKeepsItsId() {
        assertEquals("quick-fashion_mnist-vit-full-0083c40b", QuickPretraining.config().newRunId());
    }

    @Test
    void theEngineTestsConfigsKeepTheirIds() {
        // the ViT and VPT fixtures set simLoss=paper, which does not change them: since the recipes such a key is
        // hashed at the profile's earlier value (ExperimentConfig#affects), which gave these two new ids
        assertEquals(List.of("quick-fashion_mnist-vit-full-5a71f1ba", "quick-fashion_mnist-vpt-prompt-6321acdc",
                        "quick-fashion_mnist-instruction-vit-text-full-397042c9", "quick-fashion_mnist-instruction-vit-mix-prompt-0ce02032"),
                List.of(SyntheticRuns.config(Method.VIT, null, TuningMode.FULL).newRunId(),
                        SyntheticRuns.config(Method.VPT, null, TuningMode.PROMPT).newRunId(),
                        SyntheticRuns.config(Method.INSTRUCTION_VIT, "text", TuningMode.FULL).newRunId(),
                        SyntheticRuns.config(Method.INSTRUCTION_VIT, "mix", TuningMode.PROMPT).newRunId()));
    }
}
