package org.ivit.results;

import org.ivit.train.RunRecordException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads a run's {@code metrics.csv} (one row per epoch, percent accuracies) into a Tablesaw table.
 * Types are fixed rather than guessed, so a column that is empty in every row (no validation split)
 * still reads as numbers.
 */
public final class TrainingMetrics {
    /** The epoch's index, counted from 0 as the training engine writes it; charts show it + 1. */
    public static final String EPOCH = "epoch";
    public static final String TRAIN_LOSS = "train_loss";
    public static final String VAL_TOP1 = "val_top1";

    /** The contract's header, in order. */
    public static final List<String> COLUMNS = List.of(EPOCH, TRAIN_LOSS, "lr", VAL_TOP1, "val_top5",
            "test_top1", "test_top5", "epoch_seconds");

    private TrainingMetrics() {}

    public static Table read(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new RunRecordException(csv, "missing (every run writes metrics.csv beside summary.json)");
        }
        List<String> header = header(csv);
        List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new RunRecordException(csv, "missing columns " + missing + "; the header must be " + String.join(",", COLUMNS));
        }
        try (Reader reader = Files.newBufferedReader(csv)) {
            CsvReadOptions options = CsvReadOptions.builder(reader)
                    .tableName(csv.getParent().getFileName().toString())
                    .columnTypes(name -> name.equals(EPOCH) ? ColumnType.INTEGER
                            : COLUMNS.contains(name) ? ColumnType.DOUBLE : ColumnType.STRING)
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
