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

/**
 * {@code results/runs/<run-id>/}: config.json (the resolved config and its provenance),
 * metrics.csv (one row per epoch), summary.json (written when the run finishes) and
 * checkpoints/ (last and best epoch; not committed).
 */
public final class RunDirectory {
    public static final String METRICS_HEADER = "epoch,train_loss,lr,val_top1,val_top5,test_top1,test_top5,epoch_seconds";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    private final Path dir;

    public RunDirectory(Path runsDir, ExperimentConfig config) {
        this.dir = runsDir.resolve(config.runId());
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

    /** True when summary.json says the run finished; such a run is not trained again. */
    public boolean finished() throws IOException {
        if (!Files.isRegularFile(summaryFile())) {
            return false;
        }
        JsonObject summary = JsonParser.parseString(Files.readString(summaryFile())).getAsJsonObject();
        return summary.has("finished") && summary.get("finished").getAsBoolean();
    }

    public JsonObject summary() throws IOException {
        return JsonParser.parseString(Files.readString(summaryFile())).getAsJsonObject();
    }

    public void writeConfig(ExperimentConfig config, JsonObject provenance) throws IOException {
        JsonObject o = JsonParser.parseString(config.toJson()).getAsJsonObject();
        o.addProperty("run_id", config.runId());
        o.add("provenance", provenance);
        writeAtomically(dir.resolve("config.json"), GSON.toJson(o));
    }

    public void writeSummary(JsonObject summary) throws IOException {
        writeAtomically(summaryFile(), GSON.toJson(summary));
    }

    /** Rewrites metrics.csv from the rows so far, so a resumed run never duplicates an epoch. */
    public void writeMetrics(List<EpochMetrics> rows) throws IOException {
        StringBuilder b = new StringBuilder(METRICS_HEADER).append('\n');
        for (EpochMetrics r : rows) {
            b.append(r.csv()).append('\n');
        }
        writeAtomically(dir.resolve("metrics.csv"), b.toString());
    }

    /** The rows written before an interruption, up to (excluding) epoch {@code epochsDone}. */
    public List<EpochMetrics> readMetrics(int epochsDone) throws IOException {
        List<EpochMetrics> rows = new ArrayList<>();
        Path file = dir.resolve("metrics.csv");
        if (!Files.exists(file)) {
            return rows;
        }
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("epoch") || line.isBlank()) {
                continue;
            }
            EpochMetrics m = EpochMetrics.parse(line);
            if (m.epoch() < epochsDone) {
                rows.add(m);
            }
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
    public record EpochMetrics(int epoch, double trainLoss, double lr, double valTop1, double valTop5,
                               double testTop1, double testTop5, double seconds) {
        String csv() {
            return String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s,%.1f", epoch, num(trainLoss), num(lr), num(valTop1),
                    num(valTop5), num(testTop1), num(testTop5), seconds);
        }

        private static String num(double v) {
            return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
        }

        static EpochMetrics parse(String line) {
            String[] f = line.split(",", -1);
            double[] v = new double[8];
            for (int i = 1; i < 8; i++) {
                v[i] = f[i].isEmpty() ? Double.NaN : Double.parseDouble(f[i]);
            }
            return new EpochMetrics(Integer.parseInt(f[0]), v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        }
    }
}
