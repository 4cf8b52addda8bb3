package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Run ids are the names of recorded runs (results/runs/&lt;id&gt;, the tables' provenance lines), so a
 * refactor of the experiment description must not change them. These literals were computed by the
 * code before the typed spec; the canonical form that reproduces them is documented on
 * {@link ExperimentConfig#canonicalJson()}.
 */
public class PinnedRunIdsTest {
    /**
     * The quick profile's first-seed runs. Its spec changed on purpose once (trainLimit 6000 to 2000 and
     * valLimit 1000, for the notebooks' time budget), which gave these new ids; the paper runs, the
     * quick pretraining and the engine tests' configs kept theirs, as pinned below.
     */
    public static final List<String> QUICK = List.of(
            "quick-fashion_mnist-vit-full-72655244",
            "quick-fashion_mnist-instruction-vit-text-full-4fc60266",
            "quick-fashion_mnist-vpt-prompt-d7e2d3b1",
            "quick-fashion_mnist-instruction-vit-text-prompt-e27eff6e",
            "quick-fashion_mnist-instruction-vit-image-prompt-ae3eabb0",
            "quick-fashion_mnist-instruction-vit-mix-prompt-1a6be28e");
    public static final List<String> PAPER = List.of(
            "paper-caltech101-vit-full-c41eb678",
            "paper-caltech101-instruction-vit-text-full-317db8fd",
            "paper-caltech101-vpt-prompt-c9c67d94",
            "paper-caltech101-instruction-vit-text-prompt-7f5f747e",
            "paper-caltech101-instruction-vit-image-prompt-c7811606",
            "paper-caltech101-instruction-vit-mix-prompt-449155c0",
            "paper-oxford_pets-vit-full-b3e02fd7",
            "paper-oxford_pets-instruction-vit-text-full-dc36af34",
            "paper-oxford_pets-vpt-prompt-8643a7fd",
            "paper-oxford_pets-instruction-vit-text-prompt-4fca5149",
            "paper-oxford_pets-instruction-vit-image-prompt-2f3858b3",
            "paper-oxford_pets-instruction-vit-mix-prompt-61631c28",
            "paper-stanford_cars-vit-full-e7f78cf0",
            "paper-stanford_cars-instruction-vit-text-full-de2a7fbf",
            "paper-stanford_cars-vpt-prompt-01a3e3a3",
            "paper-stanford_cars-instruction-vit-text-prompt-93fa1b88",
            "paper-stanford_cars-instruction-vit-image-prompt-99e391ff",
            "paper-stanford_cars-instruction-vit-mix-prompt-e145462f",
            "paper-flowers102-vit-full-4c8a2f96",
            "paper-flowers102-instruction-vit-text-full-c769b1df",
            "paper-flowers102-vpt-prompt-bb3c9e99",
            "paper-flowers102-instruction-vit-text-prompt-63b1c9e9",
            "paper-flowers102-instruction-vit-image-prompt-ba8e1d55",
            "paper-flowers102-instruction-vit-mix-prompt-f36ddb2b");

    /** The ViT, VPT and Instruction-ViT runs of a profile (the baselines came later and are pinned below). */
    private static List<String> ids(String profile) {
        List<String> ids = new ArrayList<>();
        for (ExperimentConfig cfg : Profiles.reproduce(profile, List.of(1, 2), Profiles.defaultDatasets(profile))) {
            if (cfg.method() != Method.CLASSIFIER) {
                ids.add(cfg.runId());
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
        assertEquals(List.of(BASELINES_CALTECH), baselines.subList(0, 10).stream().map(ExperimentConfig::runId).toList());
        assertEquals("paper-flowers102-efficientnet_b3-full-" + FLOWERS_B3, baselines.get(39).runId());
        assertEquals(40, baselines.stream().map(ExperimentConfig::runId).distinct().count());
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
            quick.add(cfg.runId());
        }
        for (ExperimentConfig cfg : Profiles.reproduce(Profiles.QUICK, List.of(2), Profiles.defaultDatasets(Profiles.QUICK))) {
            quick.add(cfg.runId());
        }
        assertEquals(QUICK, quick);
    }

    @Test
    void theQuickPretrainingKeepsItsId() {
        assertEquals("quick-fashion_mnist-vit-full-0083c40b", QuickPretraining.config().runId());
    }

    @Test
    void theEngineTestsConfigsKeepTheirIds() {
        assertEquals(List.of("quick-fashion_mnist-vit-full-6c43e28c", "quick-fashion_mnist-vpt-prompt-35fc2a99",
                        "quick-fashion_mnist-instruction-vit-text-full-397042c9", "quick-fashion_mnist-instruction-vit-mix-prompt-0ce02032"),
                List.of(SyntheticRuns.config(Method.VIT, null, TuningMode.FULL).runId(),
                        SyntheticRuns.config(Method.VPT, null, TuningMode.PROMPT).runId(),
                        SyntheticRuns.config(Method.INSTRUCTION_VIT, "text", TuningMode.FULL).runId(),
                        SyntheticRuns.config(Method.INSTRUCTION_VIT, "mix", TuningMode.PROMPT).runId()));
    }
}
