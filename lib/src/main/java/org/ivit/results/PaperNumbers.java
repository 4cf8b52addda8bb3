package org.ivit.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ivit.Project;
import org.ivit.data.BenchmarkDataset;
import org.ivit.data.Datasets;
import org.ivit.results.CellText.Percent;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The paper's Table 1 and Table 2 as typed into {@code results/paper/table{1,2}.csv}. When that
 * folder is absent (e.g. the library runs from its jar elsewhere) the copy bundled in the jar is
 * used.
 */
public final class PaperNumbers {
    private static final String BUNDLED = "/org/ivit/results/paper/";

    private final Table table1;
    private final Table table2;
    private final String source;

    private PaperNumbers(Table table1, Table table2, String source) {
        this.table1 = table1;
        this.table2 = table2;
        this.source = source;
    }

    /** From {@code <results>/paper/}, else the bundled copy. */
    public static PaperNumbers load() {
        return load(Project.resultsDir().resolve("paper"));
    }

    /**
     * The folder relative to the checkout when it is inside it, so committed tables name no
     * machine's paths.
     */
    private static String shown(Path paperDir) {
        return Project.shown(paperDir).toString();
    }

    /** From {@code paperDir/table1.csv} and {@code table2.csv}, else the bundled copy. */
    public static PaperNumbers load(Path paperDir) {
        if (Files.isRegularFile(paperDir.resolve("table1.csv"))
                && Files.isRegularFile(paperDir.resolve("table2.csv"))) {
            return new PaperNumbers(
                    readFile(paperDir.resolve("table1.csv"), 1),
                    readFile(paperDir.resolve("table2.csv"), 2),
                    shown(paperDir));
        }
        return bundled();
    }

    /** The copy inside the library jar. */
    public static PaperNumbers bundled() {
        return new PaperNumbers(readResource(1), readResource(2), "classpath:" + BUNDLED);
    }

    /** Where the numbers came from: a folder, or {@code classpath:...}. */
    public String source() {
        return source;
    }

    /** The raw table as typed (model, [prompt,] the four datasets, average, notes). */
    public Table asTable(int table) {
        return typed(table).copy();
    }

    public List<PaperRow> rows(int table) {
        Table t = typed(table);
        List<PaperRow> rows = new ArrayList<>();
        for (Row r : t) {
            Map<BenchmarkDataset, Double> values = new LinkedHashMap<>();
            for (BenchmarkDataset d : Datasets.paper()) {
                values.put(d, r.getDouble(d.id()));
            }
            String prompt = table == 2 ? r.getString("prompt") : null;
            rows.add(
                    new PaperRow(
                            table,
                            r.getString("model"),
                            prompt,
                            values,
                            r.getDouble("average"),
                            r.getString("notes")));
        }
        return rows;
    }

    public List<PaperRow> table1() {
        return rows(1);
    }

    public List<PaperRow> table2() {
        return rows(2);
    }

    /** The row with this model name (and, in Table 2, this prompt kind). */
    public Optional<PaperRow> find(int table, String model, String prompt) {
        return rows(table).stream()
                .filter(r -> r.model().equals(model) && (table == 1 || r.prompt().equals(prompt)))
                .findFirst();
    }

    /** Rows whose printed average is not the mean of their printed values. */
    public List<PaperRow> averageMismatches() {
        return Stream.concat(table1().stream(), table2().stream())
                .filter(r -> !r.averageMatchesRow())
                .toList();
    }

    private Table typed(int table) {
        return switch (table) {
            case 1 -> table1;
            case 2 -> table2;
            default ->
                    throw new IllegalArgumentException(
                            "the paper has Table 1 and Table 2, not " + table);
        };
    }

    private static Table readFile(Path csv, int table) {
        try (InputStream in = Files.newInputStream(csv)) {
            return parse(in, csv.toString(), table);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    private static Table readResource(int table) {
        String name = "table" + table + ".csv";
        try (InputStream in = PaperNumbers.class.getResourceAsStream(BUNDLED + name)) {
            if (in == null) {
                throw new IllegalStateException("the library jar lacks " + BUNDLED + name);
            }
            return parse(in, "classpath:" + BUNDLED + name, table);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED + name, e);
        }
    }

    private static Table parse(InputStream in, String where, int table) {
        Table t =
                Table.read()
                        .usingOptions(
                                CsvReadOptions.builder(in)
                                        .tableName(where)
                                        .columnTypes(
                                                name ->
                                                        switch (name) {
                                                            case "model", "prompt", "notes" ->
                                                                    ColumnType.STRING;
                                                            default -> ColumnType.DOUBLE;
                                                        })
                                        .build());
        List<String> expected = new ArrayList<>(List.of("model"));
        if (table == 2) {
            expected.add("prompt");
        }
        Datasets.paper().forEach(d -> expected.add(d.id()));
        expected.addAll(List.of("average", "notes"));
        if (!t.columnNames().equals(expected)) {
            throw new IllegalStateException(
                    where + ": expected the columns " + expected + ", got " + t.columnNames());
        }
        return t;
    }

    /**
     * One printed row of the paper's Table 1 or Table 2: top-1 % per dataset, the printed average
     * and our note on it. {@code prompt} is null in Table 1 and "–" for Table 2's VPT row, as
     * printed.
     */
    public record PaperRow(
            int table,
            String model,
            String prompt,
            Map<BenchmarkDataset, Double> values,
            double average,
            String notes) {

        /**
         * Half a unit in the last printed digit: how far a correctly rounded average may be from
         * the mean.
         */
        static final double ROUNDING_SLACK = 0.005 + 1e-9;

        public PaperRow {
            values = Map.copyOf(values);
            notes = notes == null ? "" : notes;
        }

        public double value(BenchmarkDataset dataset) {
            Double v = values.get(dataset);
            if (v == null) {
                throw new IllegalArgumentException(
                        "the paper's Table " + table + " has no " + dataset.label() + " column");
            }
            return v;
        }

        /**
         * The exact mean of the four printed values (decimal arithmetic, so 89.545 stays 89.545).
         */
        public BigDecimal meanOfRow() {
            BigDecimal sum = BigDecimal.ZERO;
            for (BenchmarkDataset d : Datasets.paper()) {
                sum = sum.add(BigDecimal.valueOf(value(d)));
            }
            return sum.divide(BigDecimal.valueOf(Datasets.paper().size()));
        }

        /**
         * Whether the printed average is the row's mean rounded to two decimals (either way at an
         * exact half).
         */
        public boolean averageMatchesRow() {
            return Math.abs(meanOfRow().doubleValue() - average) <= ROUNDING_SLACK;
        }

        /** "Ours (ViT-B), text" style name; the model alone when the row has no prompt kind. */
        public String label() {
            return prompt == null || prompt.equals("–") ? model : model + ", " + prompt;
        }
    }

    /**
     * Whether the paper's value of a cell lies inside our 95% interval over seeds and, if not, how
     * far our mean is above or below it ({@code difference} = our mean − paper, two decimals).
     */
    public record PaperVerdict(Kind kind, Double difference) {

        public enum Kind {
            /** The paper's value lies in our interval. */
            INSIDE,
            /** Our interval lies wholly above the paper's value. */
            ABOVE,
            /** Our interval lies wholly below the paper's value. */
            BELOW,
            /** One seed only: no interval to judge by. */
            NO_INTERVAL,
            /** Not run, or no paper value to compare with. */
            NONE
        }

        static PaperVerdict of(Double paper, MeanInterval ours) {
            if (paper == null || ours == null) {
                return new PaperVerdict(Kind.NONE, null);
            }
            Double difference = Percent.round(ours.mean() - paper);
            if (!ours.hasInterval()) {
                return new PaperVerdict(Kind.NO_INTERVAL, difference);
            }
            if (ours.contains(paper)) {
                return new PaperVerdict(Kind.INSIDE, difference);
            }
            return new PaperVerdict(ours.lower() > paper ? Kind.ABOVE : Kind.BELOW, difference);
        }

        /** Whether the cell agrees with the paper (the paper's value inside our interval). */
        public boolean agrees() {
            return kind == Kind.INSIDE;
        }

        /** Whether the cell can be judged at all (run with two or more seeds and a paper value). */
        public boolean judged() {
            return kind == Kind.INSIDE || kind == Kind.ABOVE || kind == Kind.BELOW;
        }

        /**
         * "paper inside", "ours above by 0.41", "ours below by 1.69", "n=1: no interval", or "".
         */
        public String text() {
            return switch (kind) {
                case INSIDE -> "paper inside";
                case ABOVE -> "ours above by " + Percent.text(Math.abs(difference));
                case BELOW -> "ours below by " + Percent.text(Math.abs(difference));
                case NO_INTERVAL -> "n=1: no interval";
                case NONE -> "";
            };
        }
    }
}
