package org.ivit.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ivit.Project;
import org.ivit.clip.Clip;
import org.ivit.data.PreparedDataset;
import org.ivit.prompt.TemplateSet;
import org.ivit.prompt.ZeroShotAccuracy;
import org.ivit.prompt.ZeroShotEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zero-shot}: CLIP's zero-shot top-1/top-5 accuracy on a prepared dataset's split. */
@Command(
        name = "zero-shot",
        description = "Zero-shot CLIP accuracy (top-1, top-5) on a prepared dataset split.")
final class ZeroShotCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true)
    String dataset;

    @Option(
            names = "--clip",
            required = true,
            description =
                    "CLIP model folder, model id under the weights dir, or random-small[:SEED]")
    String clip;

    @Option(names = "--templates", description = "template set or file; default: the dataset's own")
    String templates;

    @Option(names = "--split", defaultValue = "test")
    String split;

    @Option(
            names = "--limit",
            defaultValue = "0",
            description = "evaluate only the first N images (0: all)")
    int limit;

    @Option(
            names = "--data-dir",
            description = "prepared datasets (default: $IVIT_DATA_DIR or <repo>/data)")
    Path dataDir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PreparedDataset data = PreparedDataset.open(Project.dataDir(dataDir), dataset);
        TemplateSet set =
                templates != null ? TemplateSet.named(templates) : TemplateSet.forDataset(dataset);
        try (Clip model = ClipArgument.open(clip)) {
            ZeroShotAccuracy accuracy = ZeroShotEvaluation.evaluate(model, data, split, set, limit);
            JsonObject line = new JsonObject();
            line.addProperty("dataset", dataset);
            line.addProperty("split", split);
            line.addProperty("templates", set.name());
            line.addProperty("images", accuracy.count());
            line.addProperty("top1", Math.round(accuracy.top1() * 100) / 100.0);
            line.addProperty("top5", Math.round(accuracy.top5() * 100) / 100.0);
            line.addProperty("clip", accuracy.clipLabel());
            spec.commandLine().getOut().println(line);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
