package org.ivit.results;

import org.ivit.train.RunRecordException;
import org.ivit.train.RunSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import tech.tablesaw.api.Table;

/**
 * One folder under {@code results/runs/}: its summary, when the summary was written (the age that
 * decides which run is the newest when several fit a table cell) and the run's seed, its spec's
 * (null for a record without {@code config.json}: such runs count as one unknown seed).
 */
public record RunRecord(Path dir, RunSummary summary, FileTime written, Integer seed) {

    /** A record whose seed is not known. */
    public RunRecord(Path dir, RunSummary summary, FileTime written) {
        this(dir, summary, written, null);
    }

    /** Newest first; equal times fall back to the larger run id so the order is stable. */
    public static final Comparator<RunRecord> NEWEST_FIRST = Comparator.comparing(RunRecord::written)
            .thenComparing(r -> r.summary().runId()).reversed();

    public static RunRecord read(Path runDir) {
        Path summary = runDir.resolve("summary.json");
        try {
            RunSummary read = RunSummary.read(summary);
            return new RunRecord(runDir, read, Files.getLastModifiedTime(summary), seedOf(runDir, read));
        } catch (IOException e) {
            throw new RunRecordException(summary, "cannot read its modification time", e);
        }
    }

    /** The run's seed: its spec's, when the spec came from a config.json; null for a record without one. */
    static Integer seedOf(Path runDir, RunSummary summary) {
        return Files.isRegularFile(runDir.resolve("config.json")) ? summary.cfg().seed() : null;
    }

    /**
     * Every run folder that has a {@code summary.json}; folders without one (runs still starting)
     * are skipped. A missing {@code runsDir} gives an empty list, a malformed summary an error.
     */
    public static List<RunRecord> scan(Path runsDir) {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        List<RunRecord> runs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(runsDir)) {
            for (Path dir : dirs.sorted().toList()) {
                if (Files.isRegularFile(dir.resolve("summary.json"))) {
                    runs.add(read(dir));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runsDir, e);
        }
        return runs;
    }

    /** The per-epoch {@code metrics.csv} of this run. */
    public Table metrics() {
        return TrainingMetrics.read(dir.resolve("metrics.csv"));
    }

    public boolean hasMetrics() {
        return Files.isRegularFile(dir.resolve("metrics.csv"));
    }
}
