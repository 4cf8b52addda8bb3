package org.ivit.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ivit.spec.ExperimentConfig;

/**
 * {@code results/runs/<run-id>/}: config.json (the resolved config and its provenance), metrics.csv
 * (one row per epoch), summary.json (written when the run finishes) and checkpoints/ (last and best
 * epoch; not committed).
 */
public final class RunDirectory {
    public static final String METRICS_HEADER =
            "epoch,train_loss,lr,val_top1,val_top5,test_top1,test_top5,epoch_seconds";
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    private final Path dir;
    private final String runId;

    /**
     * The folder of the run of this spec under {@code runsDir}: a recorded one's ({@link RunIds}),
     * or a new one's.
     */
    public RunDirectory(Path runsDir, ExperimentConfig config) {
        this(runsDir, RunIds.in(runsDir).idFor(config));
    }

    public RunDirectory(Path runsDir, String runId) {
        this.runId = runId;
        this.dir = runsDir.resolve(runId);
    }

    /** The run's id: its folder's name and the run_id of its config.json. */
    public String runId() {
        return runId;
    }

    public Path path() {
        return dir;
    }

    public Path summaryFile() {
        return dir.resolve("summary.json");
    }

    public Path lastCheckpoint() {
        return dir.resolve("checkpoints/last.safetensors");
    }

    public Path bestCheckpoint() {
        return dir.resolve("checkpoints/best.safetensors");
    }

    /**
     * True when summary.json says the run finished; such a run is not trained again. A summary.json
     * that is truncated, of another schema or without {@code finished} is refused (a {@link
     * RunRecordException} naming the file and the field), and nothing of the run is touched.
     */
    public boolean finished() throws IOException {
        if (!Files.isRegularFile(summaryFile())) {
            return false;
        }
        return RunSummary.finished(summaryFile());
    }

    /**
     * The run's record, read and checked against its config.json (errors name the file and the
     * field).
     */
    public RunSummary summary() {
        return RunSummary.read(summaryFile());
    }

    /**
     * Writes config.json: the spec, the run's id, the spec version a new run's id was made with (a
     * run recorded before spec versions keeps its file's absence of one) and the provenance.
     */
    public void writeConfig(ExperimentConfig config, RunOrigin provenance) throws IOException {
        Path file = dir.resolve("config.json");
        JsonObject o = JsonParser.parseString(config.toJson()).getAsJsonObject();
        o.addProperty("run_id", runId);
        if (!Files.isRegularFile(file)) {
            o.addProperty("spec_version", ExperimentConfig.SPEC_VERSION);
        } else {
            JsonObject before = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            if (before.has("spec_version")) {
                o.add("spec_version", before.get("spec_version"));
            }
        }
        o.add("provenance", provenance.toJson());
        writeAtomically(dir.resolve("config.json"), GSON.toJson(o));
    }

    /** Rewrites metrics.csv from the rows so far, so a resumed run never duplicates an epoch. */
    public void writeMetrics(List<EpochMetrics> rows) throws IOException {
        StringBuilder b = new StringBuilder(METRICS_HEADER).append('\n');
        for (EpochMetrics r : rows) {
            b.append(r.csv()).append('\n');
        }
        writeAtomically(dir.resolve("metrics.csv"), b.toString());
    }

    /**
     * The rows written before an interruption, up to (excluding) epoch {@code epochsDone}, which
     * the last checkpoint records. Each of those epochs must have its row: a missing, repeated or
     * unreadable row is refused ({@link RunRecordException} naming metrics.csv, the line and the
     * column) before anything is trained or written, so the run's files stay as they are.
     */
    public List<EpochMetrics> readMetrics(int epochsDone) throws IOException {
        List<EpochMetrics> rows = new ArrayList<>();
        Path file = dir.resolve("metrics.csv");
        if (!Files.exists(file)) {
            if (epochsDone > 0) {
                throw new RunRecordException(
                        file,
                        "missing, but the last checkpoint has "
                                + epochsDone
                                + " epochs done; restore it or delete the checkpoints to train the run again");
            }
            return rows;
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("epoch") || line.isBlank()) {
                continue;
            }
            EpochMetrics m = EpochMetrics.parse(file, i + 1, line);
            if (m.epoch() < epochsDone) {
                if (m.epoch() != rows.size()) {
                    throw new RunRecordException(
                            file,
                            "line "
                                    + (i + 1)
                                    + ": column epoch is "
                                    + m.epoch()
                                    + " where epoch "
                                    + rows.size()
                                    + " was expected (a row is missing or repeated); the last checkpoint has "
                                    + epochsDone
                                    + " epochs done");
                }
                rows.add(m);
            }
        }
        if (rows.size() < epochsDone) {
            throw new RunRecordException(
                    file,
                    "has rows for "
                            + rows.size()
                            + " epochs, but the last checkpoint has "
                            + epochsDone
                            + " epochs done: the row of epoch "
                            + rows.size()
                            + " (column epoch) is missing");
        }
        return rows;
    }

    private void writeAtomically(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** One metrics.csv row; NaN where a value was not measured that epoch. */
    public record EpochMetrics(
            int epoch,
            double trainLoss,
            double lr,
            double valTop1,
            double valTop5,
            double testTop1,
            double testTop5,
            double seconds) {
        /**
         * This row as metrics.csv keeps it (6 significant digits). A resumed run reads its earlier
         * rows back from the file, so the current epoch's row is kept the same way, and the summary
         * of a resumed run equals that of an uninterrupted one (e.g. a val_top1 of 86.6667, not
         * 86.66666666666667, when the selected epoch came before the interruption).
         */
        public EpochMetrics asRecorded() {
            return parse(Path.of("metrics.csv"), 0, csv());
        }

        String csv() {
            return String.format(
                    Locale.ROOT,
                    "%d,%s,%s,%s,%s,%s,%s,%.1f",
                    epoch,
                    num(trainLoss),
                    num(lr),
                    num(valTop1),
                    num(valTop5),
                    num(testTop1),
                    num(testTop5),
                    seconds);
        }

        private static String num(double v) {
            return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
        }

        static EpochMetrics parse(Path file, int lineNumber, String line) {
            String[] f = line.split(",", -1);
            String[] columns = METRICS_HEADER.split(",");
            if (f.length != columns.length) {
                throw new RunRecordException(
                        file,
                        "line "
                                + lineNumber
                                + " has "
                                + f.length
                                + " columns, the header "
                                + columns.length
                                + " ("
                                + METRICS_HEADER
                                + ")");
            }
            double[] v = new double[8];
            int column = 0;
            try {
                for (column = 1; column < 8; column++) {
                    v[column] = f[column].isEmpty() ? Double.NaN : Double.parseDouble(f[column]);
                }
                column = 0;
                return new EpochMetrics(
                        Integer.parseInt(f[0]), v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
            } catch (NumberFormatException e) {
                throw new RunRecordException(
                        file,
                        "line "
                                + lineNumber
                                + ": column "
                                + columns[column]
                                + " is '"
                                + f[column]
                                + "', not a number");
            }
        }
    }
}
