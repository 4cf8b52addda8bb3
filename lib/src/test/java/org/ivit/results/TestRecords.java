package org.ivit.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.TuningMode;
import org.ivit.train.RunMetrics;
import org.ivit.train.RunProvenance;
import org.ivit.train.RunSummary;

/**
 * Run records written as the engine writes them (config.json, then summary.json), under a chosen
 * folder name.
 */
final class TestRecords {
    private TestRecords() {}

    /**
     * The profile's spec of one run ({@code backbone} and {@code prompt} null: the preset's /
     * none).
     */
    static ExperimentConfig spec(
            String profile,
            int table,
            String dataset,
            String method,
            String backbone,
            String prompt,
            String mode,
            int seed) {
        return Profiles.builder(
                        profile,
                        dataset,
                        Method.fromId(method),
                        backbone,
                        prompt,
                        TuningMode.fromId(mode))
                .set("test", "table", String.valueOf(table))
                .set("test", "seed", String.valueOf(seed))
                .build();
    }

    /** Writes {@code runs/<id>/config.json} and {@code summary.json}; returns the summary. */
    static RunSummary write(
            Path runs, String id, ExperimentConfig cfg, RunMetrics metrics, String commit)
            throws IOException {
        Path dir = runs.resolve(id);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), cfg.toJson());
        RunSummary s = new RunSummary(cfg, metrics, new RunProvenance(id, commit));
        s.write(dir.resolve("summary.json"));
        return s;
    }

    /** A finished run's metrics with the given test top-1. */
    static RunMetrics finished(int bestEpoch, int epochs, double testTop1, Double valTop1) {
        return new RunMetrics(bestEpoch, epochs, testTop1, 99.0, valTop1, 10.0, 0, 0, true, null);
    }
}
