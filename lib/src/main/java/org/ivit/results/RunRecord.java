package org.ivit.results;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.ivit.train.RunRecordException;
import org.ivit.train.RunSummary;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

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
    public static final Comparator<RunRecord> NEWEST_FIRST =
            Comparator.comparing(RunRecord::written)
                    .thenComparing(r -> r.summary().runId())
                    .reversed();

    public static RunRecord read(Path runDir) {
        Path summary = runDir.resolve("summary.json");
        try {
            RunSummary read = RunSummary.read(summary);
            return new RunRecord(
                    runDir, read, Files.getLastModifiedTime(summary), seedOf(runDir, read));
        } catch (IOException e) {
            throw new RunRecordException(summary, "cannot read its modification time", e);
        }
    }

    /**
     * The run's seed: its spec's, when the spec came from a config.json; null for a record without
     * one.
     */
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

    /**
     * Reads a run's {@code metrics.csv} (one row per epoch, percent accuracies) into a Tablesaw
     * table. Types are fixed rather than guessed, so a column that is empty in every row (no
     * validation split) still reads as numbers.
     */
    public static final class TrainingMetrics {
        /**
         * The epoch's index, counted from 0 as the training engine writes it; charts show it + 1.
         */
        public static final String EPOCH = "epoch";

        public static final String TRAIN_LOSS = "train_loss";
        public static final String VAL_TOP1 = "val_top1";

        /** The contract's header, in order. */
        public static final List<String> COLUMNS =
                List.of(
                        EPOCH,
                        TRAIN_LOSS,
                        "lr",
                        VAL_TOP1,
                        "val_top5",
                        "test_top1",
                        "test_top5",
                        "epoch_seconds");

        private TrainingMetrics() {}

        public static Table read(Path csv) {
            if (!Files.isRegularFile(csv)) {
                throw new RunRecordException(
                        csv, "missing (every run writes metrics.csv beside summary.json)");
            }
            List<String> header = header(csv);
            List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new RunRecordException(
                        csv,
                        "missing columns "
                                + missing
                                + "; the header must be "
                                + String.join(",", COLUMNS));
            }
            try (Reader reader = Files.newBufferedReader(csv)) {
                CsvReadOptions options =
                        CsvReadOptions.builder(reader)
                                .tableName(csv.getParent().getFileName().toString())
                                .columnTypes(
                                        name ->
                                                name.equals(EPOCH)
                                                        ? ColumnType.INTEGER
                                                        : COLUMNS.contains(name)
                                                                ? ColumnType.DOUBLE
                                                                : ColumnType.STRING)
                                .build();
                return Table.read().usingOptions(options);
            } catch (IOException | RuntimeException e) {
                throw new RunRecordException(csv, "cannot read as CSV: " + e.getMessage(), e);
            }
        }

        private static List<String> header(Path csv) {
            try (var lines = Files.lines(csv)) {
                String first = lines.findFirst().orElse("");
                return List.of(first.strip().split("\\s*,\\s*"));
            } catch (IOException e) {
                throw new RunRecordException(csv, "cannot read: " + e.getMessage(), e);
            }
        }
    }
}
