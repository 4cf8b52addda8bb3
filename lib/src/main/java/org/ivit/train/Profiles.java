package org.ivit.train;

import java.util.ArrayList;
import java.util.List;
import org.ivit.data.prepare.Caltech101Recipe;
import org.ivit.data.prepare.FashionMnistRecipe;
import org.ivit.data.prepare.Flowers102Recipe;
import org.ivit.data.prepare.OxfordPetsRecipe;
import org.ivit.data.prepare.StanfordCarsRecipe;

/**
 * The two profiles. {@code paper}: ViT-B/16 (augreg in21k→in1k weights), CLIP ViT-B/32, 224×224,
 * the paper's recipe (Adam 1e-4, 5 warm-up epochs, cosine to 1e-5, batch 256, 20 epochs, 100 for
 * Stanford Cars, RandAugment, Mixup/CutMix). {@code quick}: Fashion-MNIST at 32×32 with a tiny ViT
 * pretrained on Fashion-MNIST's own training split, a few epochs, for CI and first contact.
 */
public final class Profiles {
    public static final String QUICK = "quick";
    public static final String PAPER = "paper";
    /** The paper's four datasets in the order of its tables, by the ids {@code prepare} writes. */
    public static final List<String> PAPER_DATASETS = List.of(Caltech101Recipe.NAME, OxfordPetsRecipe.NAME,
            StanfordCarsRecipe.NAME, Flowers102Recipe.NAME);
    /** The quick profile's dataset. */
    public static final String QUICK_DATASET = FashionMnistRecipe.NAME;

    private Profiles() {}

    /** The resolved config of one run of a profile. */
    public static ExperimentConfig of(String profile, String dataset, Method method, String prompt, TuningMode mode) {
        int table = mode == TuningMode.FULL && method != Method.VPT ? 1 : 2;
        String promptKind = method == Method.INSTRUCTION_VIT ? (prompt == null ? "text" : prompt) : null;
        TuningMode resolvedMode = method == Method.VPT ? TuningMode.PROMPT : mode;
        return switch (profile) {
            case PAPER -> {
                int epochs = dataset.equals(StanfordCarsRecipe.NAME) ? 100 : 20;
                // VPT's reference config trains prompts with a larger rate; Table 2 runs keep the paper's Adam 1e-4 for ours
                yield new ExperimentConfig(PAPER, table, dataset, method.id(), promptKind, resolvedMode.id(),
                        "vit_base_patch16_224", 224, "vit_base_patch16_224.augreg_in21k_ft_in1k",
                        "openai/clip-vit-base-patch32", "imagenet80", "paper", 100f, 5,
                        epochs, 5, 1e-4, 1e-5, 256, 32, false, 10, "val",
                        5, false, false, true, true, 0, 1234);
            }
            // Two deviations from the paper's recipe, measured on the pretrained quick backbone
            // (Instruction-ViT full fine-tuning, test top-1): the authors' similarity loss, because with
            // random-weight CLIP the prompts carry no meaning and the paper's CE over 100 x cosine pulls
            // the class token towards them (86.6% with the paper's formula, 87.6% with the authors');
            // and no Mixup/CutMix, which a 2-epoch schedule cannot profit from (see README, Deviations).
            case QUICK -> new ExperimentConfig(QUICK, table, dataset, method.id(), promptKind, resolvedMode.id(),
                    "quick", 32, "quick-pretrained", "random-small", "simple7", "authors", 100f, 0,
                    // full fine-tuning keeps the paper's 1e-4: higher rates wash out the pretrained features
                    2, 0.5, resolvedMode == TuningMode.PROMPT ? 1e-3 : 1e-4, 1e-5,
                    128, 128, false, 2, "val",
                    5, false, false, false, false, 6000, 1234);
            default -> throw new IllegalArgumentException("unknown profile '" + profile + "' (quick or paper)");
        };
    }

    /** Every run of both tables for a profile: Table 1 (ViT, Instruction-ViT) and Table 2 (VPT, Instruction-ViT × prompts). */
    public static List<ExperimentConfig> reproduce(String profile, List<Integer> tables, List<String> datasets) {
        List<ExperimentConfig> runs = new ArrayList<>();
        for (String dataset : datasets) {
            if (tables.contains(1)) {
                runs.add(of(profile, dataset, Method.VIT, null, TuningMode.FULL));
                runs.add(of(profile, dataset, Method.INSTRUCTION_VIT, "text", TuningMode.FULL));
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
