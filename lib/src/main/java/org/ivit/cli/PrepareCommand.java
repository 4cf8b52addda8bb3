package org.ivit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ivit.Project;
import org.ivit.data.Datasets;
import org.ivit.data.prepare.DatasetPreparation;
import org.ivit.data.prepare.DatasetRecipe;
import org.ivit.data.prepare.PrepareException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ivit prepare <dataset>}: download, verify and lay out a dataset (see
 * data-scripts/README.md).
 */
@Command(
        name = "prepare",
        mixinStandardHelpOptions = true,
        description =
                "Download, verify and lay out a registered dataset (see `ivit prepare --help` for the list).")
final class PrepareCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "DATASET",
            completionCandidates = RegisteredIds.DatasetIds.class,
            description = "one of: ${COMPLETION-CANDIDATES}")
    String dataset;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Where prepared datasets live (default: $IVIT_DATA_DIR, else <repo>/data).")
    Path dataDir;

    @Option(
            names = "--from",
            paramLabel = "DIR_OR_URL",
            description =
                    "A folder or base URL holding the original files under their official names.")
    String from;

    @Option(
            names = "--split-protocol",
            paramLabel = "P",
            description =
                    "the dataset's split protocol, e.g. official or coop (caltech101: coop or fixed30). Default: the"
                            + " dataset's first protocol.")
    String protocol;

    @Option(
            names = "--skip-checksum",
            description = "Use files whose md5 does not match (prints a warning each time).")
    boolean skipChecksum;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the random split choices (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--limit-per-class",
            paramLabel = "N",
            description = "Keep at most N images per class in each split (quick runs).")
    Integer limitPerClass;

    @Option(
            names = "--force",
            description = "Prepare again even if the dataset is already prepared.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (!Datasets.isKnown(dataset)) {
            throw new PrepareException(
                    "unknown dataset '"
                            + dataset
                            + "'; known: "
                            + String.join(", ", Datasets.ids()));
        }
        DatasetRecipe recipe = Datasets.recipe(dataset);
        DatasetPreparation.Request request =
                new DatasetPreparation.Request(
                        Project.dataDir(dataDir),
                        from,
                        protocol,
                        skipChecksum,
                        seed,
                        limitPerClass,
                        force);
        new DatasetPreparation(System.out).prepare(recipe, request);
        return 0;
    }
}
