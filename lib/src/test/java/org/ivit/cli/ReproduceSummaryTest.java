package org.ivit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.CliRun;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ivit reproduce} says what it trained, found complete and skipped; when nothing could run
 * it exits non-zero.
 */
class ReproduceSummaryTest {
    @TempDir Path dir;

    private CliRun reproduce(String... more) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "reproduce",
                                "--data-dir",
                                dir.resolve("data").toString(),
                                "--weights-dir",
                                dir.resolve("weights").toString(),
                                "--results-dir",
                                dir.resolve("results").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void paperProfileWithNothingPreparedExitsNonZeroWithASummary() {
        CliRun run = reproduce("--profile", "paper");
        assertEquals(ReproduceCommand.NOTHING_RAN, run.exitCode(), run.out() + run.err());
        // 3 seeds x 16 cells (Table 1's 12 rows, Table 2's 4) x 4 datasets
        assertTrue(
                run.out()
                        .contains(
                                "0 run(s) trained, 0 already complete, 192 skipped - nothing could run"),
                run.out());
        for (String dataset : Profiles.defaultDatasets(Profiles.PAPER)) {
            assertTrue(
                    run.out()
                            .contains(
                                    "  skipped  "
                                            + dataset
                                            + " (48 run(s)): it is not prepared in"),
                    run.out());
            assertTrue(
                    run.out()
                            .contains(
                                    "  data-scripts/prepare "
                                            + dataset
                                            + " --data-dir "
                                            + dir.resolve("data")),
                    run.out());
        }
        assertTrue(
                run.out()
                        .contains(
                                "  data-scripts/fetch-weights --weights-dir "
                                        + dir.resolve("weights")
                                        + " vit-b16 clip-b32"
                                        + " deit-b cait-s24 pit-b resnet-50 resnet-101 resnet-152 efficientnet-b0 efficientnet-b1 efficientnet-b2 efficientnet-b3\n"),
                run.out());
        assertTrue(run.err().contains("nothing could run"), run.err());
    }

    @Test
    void quickProfileWithNothingPreparedExitsNonZero() {
        CliRun run = reproduce();
        assertEquals(ReproduceCommand.NOTHING_RAN, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("data-scripts/prepare fashion_mnist"), run.out());
        assertTrue(
                !run.out().contains("fetch-weights"),
                "the quick profile needs no downloaded weights: " + run.out());
    }

    @Test
    void completeRunsCountAsRunAndSkippedDatasetsAreStillListed() throws Exception {
        Files.createDirectories(dir.resolve("data/fashion_mnist"));
        Files.writeString(dir.resolve("data/fashion_mnist/PREPARED.json"), "{}");
        List<ExperimentConfig> runs =
                Profiles.reproduce(Profiles.QUICK, List.of(1, 2), List.of("fashion_mnist"));
        for (ExperimentConfig cfg : runs) { // finished records, as the engine writes them
            org.ivit.train.RunDirectory run =
                    new org.ivit.train.RunDirectory(dir.resolve("results/runs"), cfg);
            Files.createDirectories(run.path());
            run.writeConfig(cfg, org.ivit.train.RunOrigin.ofCommit("test"));
            new org.ivit.train.RunSummary(
                            cfg,
                            new org.ivit.train.RunMetrics(
                                    1, 2, 80.0, 99.0, 81.0, 1.0, 0, 0, true, null),
                            new org.ivit.train.RunProvenance(run.runId(), "test"))
                    .write(run.summaryFile());
        }
        CliRun run = reproduce("--datasets", "fashion_mnist,caltech101", "--seeds", "1");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(
                run.out().contains("0 run(s) trained, 10 already complete, 10 skipped"), run.out());
        for (ExperimentConfig cfg : runs) {
            assertTrue(run.out().contains("  complete " + cfg.newRunId()), run.out());
        }
        assertTrue(
                run.out().contains("  skipped  caltech101 (10 run(s)): it is not prepared"),
                run.out());
        assertTrue(run.out().contains("  data-scripts/prepare caltech101 --data-dir "), run.out());
    }

    /**
     * Weights where fetch-weights puts them (weights/timm/..., weights/openai/...) are found: only
     * the data is missing.
     */
    @Test
    void weightsInFetchWeightsLayoutAreFound() throws Exception {
        List<String> repos = new java.util.ArrayList<>(List.of("openai/clip-vit-base-patch32"));
        org.ivit.backbone.Backbones.table1()
                .forEach(b -> repos.add(b.weights().hfHubId())); // ViT-B/16 and the ten baselines
        for (String repo : repos) {
            Path folder = Files.createDirectories(dir.resolve("weights").resolve(repo));
            Files.writeString(folder.resolve("model.safetensors"), "");
        }
        CliRun run = reproduce("--profile", "paper", "--datasets", "oxford_pets");
        assertEquals(ReproduceCommand.NOTHING_RAN, run.exitCode(), run.out() + run.err());
        assertTrue(
                run.out()
                        .contains(
                                "  skipped  oxford_pets (48 run(s)): it is not prepared in "
                                        + dir.resolve("data")
                                        + "\n"),
                run.out());
        assertTrue(!run.out().contains("fetch-weights"), run.out());
    }
}
