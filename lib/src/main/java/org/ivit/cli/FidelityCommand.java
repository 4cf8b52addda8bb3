package org.ivit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ivit.Project;
import org.ivit.fidelity.AugmentationFidelity;
import org.ivit.fidelity.Comparison;
import org.ivit.fidelity.FidelityReport;
import org.ivit.fidelity.TrainingFidelity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ivit fidelity}: the package's training step and augmentation against the recorded PyTorch
 * references.
 */
@Command(
        name = "fidelity",
        description = {
            "Replay the recorded PyTorch training trajectories (authors-full, authors-prompt, paper-full, paper-prompt, vit-full,"
                    + " vpt-prompt) with the package's own training step (model, loss, trained parameters, accumulation, Adam,"
                    + " schedule of each recipe) from their initial weights on their recorded batches, and compare every recorded"
                    + " quantity: lr, loss and its parts, gradient norm, final weights (max- and l2-metric), trained and frozen"
                    + " tensors. Where the folder has augment.json, also every augmentation op, the evaluation resize and crop,"
                    + " normalisation, Mixup/CutMix and JPEG decoding against torchvision, PIL and timm. Prints one line per comparison: subject, quantity, largest difference, tolerance (the scenario's"
                    + " recommended one), pass or FAIL.",
            "The references are a folder of NAME.json files with their safetensors, as in"
                    + " lib/src/test/resources/reference/training (its README says what each holds). A few seconds on two cores."
        },
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {
            "0:every comparison passes",
            "1:a comparison fails, or a reference file is missing or malformed",
            "2:usage error"
        })
final class FidelityCommand implements Callable<Integer> {
    @Option(
            names = "--references",
            paramLabel = "DIR",
            description =
                    "the reference folder (default: <project root>/lib/src/test/resources/reference/training)")
    Path references;

    @Override
    public Integer call() throws Exception {
        Path dir =
                references != null
                        ? references
                        : Project.root().resolve("lib/src/test/resources/reference/training");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("reference folder " + dir + " does not exist");
        }
        List<Comparison> comparisons = new ArrayList<>(TrainingFidelity.compare(dir));
        if (Files.isRegularFile(dir.resolve("augment.json"))) {
            comparisons.addAll(AugmentationFidelity.compare(dir));
        }
        FidelityReport report = new FidelityReport(comparisons);
        System.out.println("fidelity: " + Project.shown(dir));
        report.lines().forEach(System.out::println);
        return report.passed() ? 0 : 1;
    }
}
