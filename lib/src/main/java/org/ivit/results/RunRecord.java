package org.ivit.results;

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
 * decides which run is the newest when several fit a table cell) and the run's seed, read from the
 * {@code config.json} beside the summary (null when there is none or it has no seed: such runs
 * count as one unknown seed).
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
            return new RunRecord(runDir, RunSummary.read(summary), Files.getLastModifiedTime(summary), seedOf(runDir));
        } catch (IOException e) {
            throw new RunRecordException(summary, "cannot read its modification time", e);
        }
    }

    /** The {@code seed} of the run's config.json; null without the file or the key. */
    static Integer seedOf(Path runDir) {
        Path config = runDir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return null;
        }
        try {
            com.google.gson.JsonElement root = com.google.gson.JsonParser.parseString(Files.readString(config));
            com.google.gson.JsonElement seed = root.isJsonObject() ? root.getAsJsonObject().get("seed") : null;
            if (seed == null || seed.isJsonNull()) {
                return null;
            }
            if (!seed.isJsonPrimitive() || !seed.getAsJsonPrimitive().isNumber()) {
                throw new RunRecordException(config, "\"seed\" must be a whole number, got " + seed);
            }
            return seed.getAsBigDecimal().intValueExact();
        } catch (IOException e) {
            throw new RunRecordException(config, "cannot read: " + e.getMessage(), e);
        } catch (com.google.gson.JsonParseException | ArithmeticException e) {
            throw new RunRecordException(config, "cannot read its \"seed\": " + e.getMessage(), e);
        }
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
