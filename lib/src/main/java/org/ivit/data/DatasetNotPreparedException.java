package org.ivit.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when a dataset is read before {@code data-scripts/prepare} has made it; says what to run.
 */
public final class DatasetNotPreparedException extends IOException {
    public DatasetNotPreparedException(String dataset, Path dataDir, String problem) {
        super(
                "dataset '"
                        + dataset
                        + "' is not prepared in "
                        + dataDir
                        + " ("
                        + problem
                        + "). Run:\n  "
                        + prepareCommand(dataset, dataDir));
    }

    public static String prepareCommand(String dataset, Path dataDir) {
        return "data-scripts/prepare " + dataset + " --data-dir " + dataDir;
    }
}
