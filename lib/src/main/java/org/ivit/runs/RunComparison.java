package org.ivit.runs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.ivit.train.RunIds;

/**
 * Fresh run records against the committed ones, run id by run id, value by value (test and
 * validation top-1, test top-5). On the CPU type that made the committed records the values repeat
 * to the last digit; on another one they move by a few tenths of a point (results/README.md,
 * "Repeatability and CPU types"), so a comparison fails only on a missing run or a difference above
 * a tolerance.
 */
public final class RunComparison {
    /** The values compared, as summary.json names them. */
    public static final List<String> VALUES = List.of("test_top1", "val_top1", "test_top5");

    /**
     * One value of one run: committed and fresh, or {@code fresh == null} when the fresh run is
     * missing.
     */
    public record Row(String run, String value, double committed, Double fresh) {
        public boolean missing() {
            return fresh == null;
        }

        public double difference() {
            return missing() ? Double.NaN : fresh - committed;
        }
    }

    /**
     * What a side's records say of the CPU types they trained on ({@code provenance.cpu} of
     * config.json).
     */
    static final String CPU_NOT_RECORDED =
            "not recorded (records written before runs named their CPU type)";

    private final List<Row> rows;
    private final double tolerance;
    private final java.util.SortedSet<String> committedCpus;
    private final java.util.SortedSet<String> freshCpus;

    private RunComparison(
            List<Row> rows,
            double tolerance,
            java.util.SortedSet<String> committedCpus,
            java.util.SortedSet<String> freshCpus) {
        this.rows = rows;
        this.tolerance = tolerance;
        this.committedCpus = committedCpus;
        this.freshCpus = freshCpus;
    }

    /**
     * Every finished run of {@code profile} under {@code <committed>/<folder>/} for each folder
     * (e.g. runs, ablations), paired with the run of the same spec in {@code <fresh>/<folder>/}
     * ({@link RunIds}: a fresh run made by a newer spec version has another id than the committed
     * one).
     *
     * @throws IOException when a folder of the committed results holds no run of the profile, or a
     *     summary.json cannot be read (named)
     */
    public static RunComparison of(
            Path committed, Path fresh, List<String> folders, String profile, double tolerance)
            throws IOException {
        List<Row> rows = new ArrayList<>();
        java.util.SortedSet<String> committedCpus = new java.util.TreeSet<>();
        java.util.SortedSet<String> freshCpus = new java.util.TreeSet<>();
        for (String folder : folders) {
            Path dir = committed.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            // the fresh runs' ids are read once, and only where a run is not found under its
            // committed name
            RunIds freshIds = null;
            List<Path> runs;
            try (Stream<Path> s = Files.list(dir)) {
                runs =
                        s.filter(p -> Files.isRegularFile(p.resolve("summary.json")))
                                .sorted()
                                .toList();
            }
            for (Path run : runs) {
                JsonObject expected = read(run.resolve("summary.json"));
                if (!profile.equals(text(expected, "profile"))
                        || !expected.has("finished")
                        || !expected.get("finished").getAsBoolean()) {
                    continue;
                }
                String name = folder + "/" + run.getFileName();
                // the fresh run of the same name (same spec version), else the fresh run of the
                // same spec
                Path freshSummary =
                        fresh.resolve(folder).resolve(run.getFileName()).resolve("summary.json");
                if (!Files.isRegularFile(freshSummary)
                        && Files.isRegularFile(run.resolve("config.json"))) {
                    freshIds = freshIds != null ? freshIds : RunIds.in(fresh.resolve(folder));
                    String freshId = freshIds.idFor(RunIds.read(run.resolve("config.json")));
                    freshSummary = fresh.resolve(folder).resolve(freshId).resolve("summary.json");
                }
                JsonObject actual = Files.isRegularFile(freshSummary) ? read(freshSummary) : null;
                committedCpus.add(cpu(run.resolve("config.json")));
                if (actual != null) {
                    freshCpus.add(cpu(freshSummary.resolveSibling("config.json")));
                }
                for (String value : VALUES) {
                    if (expected.has(value) && !expected.get(value).isJsonNull()) {
                        Double freshValue =
                                actual != null
                                                && actual.has(value)
                                                && !actual.get(value).isJsonNull()
                                        ? actual.get(value).getAsDouble()
                                        : null;
                        rows.add(
                                new Row(
                                        name,
                                        value,
                                        expected.get(value).getAsDouble(),
                                        freshValue));
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            throw new IOException(
                    "no finished "
                            + profile
                            + " run under "
                            + committed
                            + " in "
                            + folders
                            + ": nothing to compare");
        }
        return new RunComparison(rows, tolerance, committedCpus, freshCpus);
    }

    /** The CPU type a run's config.json names, or {@link #CPU_NOT_RECORDED}. */
    private static String cpu(Path config) throws IOException {
        if (!Files.isRegularFile(config)) {
            return CPU_NOT_RECORDED;
        }
        JsonObject c = read(config);
        JsonElement p = c.get("provenance");
        String cpu = p != null && p.isJsonObject() ? text(p.getAsJsonObject(), "cpu") : null;
        return cpu == null ? CPU_NOT_RECORDED : cpu;
    }

    /** The CPU types the committed records trained on, as their config.json names them. */
    public java.util.SortedSet<String> committedCpus() {
        return committedCpus;
    }

    /** The CPU types the fresh records trained on. */
    public java.util.SortedSet<String> freshCpus() {
        return freshCpus;
    }

    private static JsonObject read(Path summary) throws IOException {
        try {
            return JsonParser.parseString(Files.readString(summary)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(summary + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    public List<Row> rows() {
        return rows;
    }

    public boolean identical() {
        return rows.stream().allMatch(r -> !r.missing() && r.difference() == 0);
    }

    /** True when no run is missing and no value differs by more than the tolerance (points). */
    public boolean passes() {
        return rows.stream().noneMatch(r -> r.missing() || Math.abs(r.difference()) > tolerance);
    }

    /** The table, one line per value, then a verdict. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        int width = Math.max(6, rows.stream().mapToInt(r -> r.run().length()).max().orElse(0));
        String format = "%-" + width + "s  %-9s  %9s  %9s  %7s  %s";
        out.add(
                String.format(
                        Locale.ROOT, format, "run", "value", "committed", "fresh", "diff", ""));
        for (Row r : rows) {
            String mark =
                    r.missing()
                            ? "MISSING"
                            : r.difference() == 0
                                    ? "="
                                    : Math.abs(r.difference()) > tolerance
                                            ? "OVER TOLERANCE"
                                            : "differs";
            out.add(
                    String.format(
                            Locale.ROOT,
                            format,
                            r.run(),
                            r.value(),
                            number(r.committed()),
                            r.missing() ? "-" : number(r.fresh()),
                            r.missing() ? "-" : String.format(Locale.ROOT, "%+.2f", r.difference()),
                            mark));
        }
        long missing = rows.stream().filter(Row::missing).map(Row::run).distinct().count();
        long runs = rows.stream().map(Row::run).distinct().count();
        double largest =
                rows.stream()
                        .filter(r -> !r.missing())
                        .mapToDouble(r -> Math.abs(r.difference()))
                        .max()
                        .orElse(0);
        // before the verdict, which stays the last line
        out.add(
                "CPU types: committed records "
                        + String.join(", ", committedCpus)
                        + "; fresh records "
                        + (freshCpus.isEmpty() ? "none" : String.join(", ", freshCpus)));
        if (identical()) {
            out.add(
                    String.format(
                            Locale.ROOT,
                            "%d run(s), %d value(s): all identical to the committed records to the last digit",
                            runs,
                            rows.size()));
        } else {
            out.add(
                    String.format(
                            Locale.ROOT,
                            "%d run(s), %d value(s): %d run(s) missing, %d value(s) differ, largest |diff| %.2f points"
                                    + " (tolerance %.2f): %s",
                            runs,
                            rows.size(),
                            missing,
                            rows.stream().filter(r -> !r.missing() && r.difference() != 0).count(),
                            largest,
                            tolerance,
                            passes()
                                    ? "within tolerance (expected on another CPU type, not on the one that made the records)"
                                    : "FAIL"));
        }
        return out;
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
