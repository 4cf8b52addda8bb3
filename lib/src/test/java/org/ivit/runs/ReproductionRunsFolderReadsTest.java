package org.ivit.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Profiles;
import org.ivit.train.RunDirectory;
import org.ivit.train.RunIds;
import org.ivit.train.RunMetrics;
import org.ivit.train.RunProvenance;
import org.ivit.train.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep reads its runs folder's config.json files once, not once per planned run: a paper sweep
 * of 192 runs would otherwise read on the order of 192² files.
 */
class ReproductionRunsFolderReadsTest {
    @TempDir Path dir;

    @Test
    void aSweepOfCompleteRunsReadsEachConfigOnce() throws Exception {
        Files.createDirectories(dir.resolve("data/fashion_mnist"));
        Files.writeString(dir.resolve("data/fashion_mnist/PREPARED.json"), "{}");
        Reproduction reproduction =
                Reproduction.of(Profiles.QUICK)
                        .withDirectories(
                                dir.resolve("data"), dir.resolve("weights"), dir.resolve("results"))
                        .quiet();
        List<ExperimentConfig> runs =
                Profiles.reproduce(
                        Profiles.QUICK,
                        List.of(1, 2),
                        List.of("fashion_mnist"),
                        reproduction.seeds());
        for (ExperimentConfig cfg : runs) { // finished records, as the engine writes them
            RunDirectory run = new RunDirectory(reproduction.runsDir(), cfg);
            Files.createDirectories(run.path());
            run.writeConfig(cfg, org.ivit.train.RunOrigin.ofCommit("test"));
            new RunSummary(
                            cfg,
                            new RunMetrics(1, 2, 80.0, 99.0, 81.0, 1.0, 0, 0, true, null),
                            new RunProvenance(run.runId(), "test"))
                    .write(run.summaryFile());
        }
        long before = RunIds.configsRead();
        ReproductionReport report =
                reproduction.reproduceAll(List.of(1, 2), List.of("fashion_mnist"));
        long read = RunIds.configsRead() - before;

        assertEquals(runs.stream().map(ExperimentConfig::newRunId).toList(), report.complete());
        assertEquals(List.of(), report.trained());
        // one read of the folder: each of its config.json files once
        assertEquals(runs.size(), read, runs.size() + " recorded runs");
    }
}
