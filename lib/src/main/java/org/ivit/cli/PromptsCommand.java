package org.ivit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ivit.Project;
import org.ivit.clip.Clip;
import org.ivit.data.PreparedDataset;
import org.ivit.prompt.PromptBank;
import org.ivit.prompt.PromptBankRecipe;
import org.ivit.prompt.PromptBanks;
import org.ivit.prompt.PromptKind;
import org.ivit.prompt.TemplateSet;
import org.ivit.prompt.TextPromptKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prompts}: builds (or finds up to date) a dataset's prompt bank. */
@Command(
        name = "prompts",
        description =
                "Build a prompt bank (one CLIP prompt per class) for a prepared dataset; "
                        + "an existing bank with the same recipe is kept.")
final class PromptsCommand implements Callable<Integer> {
    @Option(
            names = "--dataset",
            required = true,
            description = "dataset folder name under the data dir (e.g. oxford_pets)")
    String dataset;

    @Option(
            names = "--clip",
            required = true,
            description =
                    "CLIP model folder, model id under the weights dir, or random-small[:SEED]")
    String clip;

    @Option(
            names = "--templates",
            description =
                    "template set (${COMPLETION-CANDIDATES}) or a file; default: the dataset's own",
            completionCandidates = TemplateNames.class)
    String templates;

    @Option(
            names = "--kind",
            defaultValue = TextPromptKind.ID,
            completionCandidates = RegisteredIds.PromptKindIds.class,
            description = "one of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String kind;

    @Option(names = "--out", required = true, description = "safetensors file to write")
    Path out;

    @Option(
            names = "--data-dir",
            description = "prepared datasets (default: $IVIT_DATA_DIR or <repo>/data)")
    Path dataDir;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "seed choosing the training images of image prompts")
    long seed;

    @Option(
            names = "--images-per-class",
            defaultValue = "1",
            description = "images averaged per class for image prompts")
    int imagesPerClass;

    @Spec CommandSpec spec;

    static final class TemplateNames extends java.util.ArrayList<String> {
        TemplateNames() {
            super(TemplateSet.BUILT_IN);
        }
    }

    @Override
    public Integer call() throws Exception {
        PreparedDataset data = PreparedDataset.open(Project.dataDir(dataDir), dataset);
        TemplateSet set =
                templates != null ? TemplateSet.named(templates) : TemplateSet.forDataset(dataset);
        PromptKind promptKind = PromptKind.parse(kind);
        try (Clip model = ClipArgument.open(clip)) {
            PromptBankRecipe recipe =
                    PromptBanks.recipe(model, data, promptKind, set, seed, imagesPerClass);
            boolean fresh = PromptBanks.upToDate(out, recipe);
            PromptBank bank = fresh ? PromptBank.load(out) : PromptBanks.build(model, recipe, data);
            if (!fresh) {
                bank.save(out);
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%s %s: %d x %d %s prompts of '%s', templates %s, %s%n",
                            fresh ? "up to date:" : "wrote",
                            out,
                            bank.size(),
                            bank.dim(),
                            promptKind.id(),
                            dataset,
                            promptKind.usesText() ? set.name() + " (" + set.size() + ")" : "none",
                            bank.clipLabel());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
