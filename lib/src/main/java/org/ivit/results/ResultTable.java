package org.ivit.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ivit.data.BenchmarkDataset;
import org.ivit.results.CellText.Percent;
import org.ivit.results.PaperNumbers.PaperVerdict;
import org.ivit.results.ResultTables.ReproducedRow;
import org.ivit.results.ResultTables.TableProfile;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's Table 1 or Table 2 beside our runs of one profile: per dataset the paper's value,
 * ours and the difference, then the average. Notebooks show it through {@link #toHtml()}; {@link
 * #table()} is the numeric Tablesaw form that {@link #writeCsv} writes.
 */
public final class ResultTable {
    public static final String NOT_RUN = "not run";

    /** Between the seeds, run ids and values of one cell in the CSV. */
    public static final String LIST_SEPARATOR = ";";

    private final int number;
    private final String title;
    private final TableProfile profile;
    private final List<RowResult> rows;
    private final Table seedValues;
    private final List<String> provenance;

    ResultTable(
            int number,
            String title,
            TableProfile profile,
            List<RowResult> rows,
            Table seedValues,
            List<String> provenance) {
        this.number = number;
        this.title = title;
        this.profile = profile;
        this.rows = List.copyOf(rows);
        this.seedValues = seedValues;
        this.provenance = List.copyOf(provenance);
    }

    /** 1 or 2: which of the paper's tables this follows. */
    public int number() {
        return number;
    }

    public TableProfile profile() {
        return profile;
    }

    /**
     * The title with the profile, e.g. "Table 1: ... — quick profile (...): not comparable to the
     * paper".
     */
    public String heading() {
        return title + " — " + profile.heading();
    }

    /** The dataset columns: the profile's, then any other dataset these runs were on. */
    public List<BenchmarkDataset> datasets() {
        return rows.isEmpty()
                ? profile.datasets()
                : rows.get(0).cells().stream().map(CellResult::dataset).toList();
    }

    public List<RowResult> rows() {
        return rows;
    }

    /** The row with this label, e.g. "ViT-B" or "Ours (ViT-B), text". */
    public Optional<RowResult> row(String label) {
        return rows.stream().filter(r -> r.label().equals(label)).findFirst();
    }

    /**
     * What the numbers rest on: profile, template set, similarity loss, K, model selection, commit,
     * runs.
     */
    public List<String> provenance() {
        return provenance;
    }

    /** The paper's notes on its rows, in row order; the renderers number them. */
    public List<String> paperNotes() {
        Set<String> notes = new LinkedHashSet<>();
        rows.stream().map(RowResult::paperNotes).filter(n -> !n.isBlank()).forEach(notes::add);
        return new ArrayList<>(notes);
    }

    /** Every run that fills a cell, each seed's. */
    public List<RunRecord> runsUsed() {
        return rows.stream()
                .flatMap(r -> r.cells().stream())
                .flatMap(c -> c.runs().stream())
                .toList();
    }

    /** Whether the profile has several datasets, so an average column means something. */
    public boolean hasAverage() {
        return datasets().size() > 1;
    }

    /** e.g. {@code table1-paper}: the stem of the files {@link #write} produces. */
    public String fileStem() {
        return "table" + number + "-" + profile.id();
    }

    /**
     * Numeric form, per dataset: {@code <id>_paper}, {@code <id>_ours} (mean over seeds), {@code
     * <id>_ci95} (half-width of the 95% t interval; blank for one seed), {@code <id>_n}, {@code
     * <id>_delta} and {@code <id>_verdict} (paper columns and verdict only where comparable),
     * {@code <id>_run} (the run ids, or "not run"), {@code <id>_seeds} and {@code <id>_values}
     * (each seed's test top-1), lists separated by {@value #LIST_SEPARATOR}; a missing number is
     * blank.
     */
    public Table table() {
        return CsvRenderer.table(this);
    }

    /**
     * Our runs in long form, one row per seed of each cell: {@code row} (index into {@link
     * #rows()}), {@code method}, {@code dataset} (id), {@code seed} (missing for a run of unknown
     * seed), {@code seed_key} (the seed as text, empty when unknown, so such runs pair as one
     * seed), {@code order} (the run's place in its cell, seed order) and {@code top1} (test top-1
     * %). Each cell's mean and interval are this table summarized by (row, dataset) ({@link
     * MeanInterval#summarize}); the paired differences join two rows' seed values on (dataset,
     * seed_key). A copy: changing it changes nothing here.
     */
    public Table seedValues() {
        return seedValues.copy();
    }

    /**
     * The cells whose paper value lies inside our interval, and how many could be judged (two or
     * more seeds).
     */
    public int cellsAgreeing() {
        return (int)
                rows.stream()
                        .flatMap(r -> r.cells().stream())
                        .filter(c -> c.verdict().agrees())
                        .count();
    }

    public int cellsJudged() {
        return (int)
                rows.stream()
                        .flatMap(r -> r.cells().stream())
                        .filter(c -> c.verdict().judged())
                        .count();
    }

    public String toHtml() {
        return HtmlRenderer.table(this);
    }

    public String toMarkdown() {
        return MarkdownRenderer.table(this);
    }

    /**
     * Plain text for kernels that show only text/plain: a fixed-width grid with the notes below.
     */
    @Override
    public String toString() {
        return MarkdownRenderer.plainTable(this);
    }

    /**
     * Writes {@code <stem>.csv}, unless the file there holds more results than this table (see
     * {@link FilledCells}); returns the file either way.
     */
    public Path writeCsv(Path dir) {
        Path file = dir.resolve(fileStem() + ".csv");
        if (!mayReplace(dir, file)) {
            return file;
        }
        try {
            Files.createDirectories(dir);
            table().write().csv(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Writes {@code <stem>.md}; kept, like the CSV, when the CSV there holds more results. */
    public Path writeMarkdown(Path dir) {
        Path file = dir.resolve(fileStem() + ".md");
        if (!mayReplace(dir, file)) {
            return file;
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(file, toMarkdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * Writes {@code <stem>.csv} and {@code <stem>.md} into {@code dir} (normally {@code results/});
     * returns the files written: none when the files there hold more results than this table.
     */
    public List<Path> write(Path dir) {
        if (!mayReplace(dir, dir.resolve(fileStem() + ".csv"))) {
            return List.of();
        }
        return List.of(writeCsv(dir), writeMarkdown(dir));
    }

    /** Runs that fill cells: each seed of each cell (see {@link FilledCells}). */
    public int filledCells() {
        return FilledCells.of(this);
    }

    // The CSV's count decides for both files: they are always written together.
    private boolean mayReplace(Path dir, Path file) {
        return FilledCells.mayReplace(
                file, FilledCells.inCsv(dir.resolve(fileStem() + ".csv"), null), filledCells());
    }

    /**
     * One dataset cell of a result table: the paper's value (null where the profile is not
     * comparable), our runs of the cell, one per seed (the newest finished run of each seed, in
     * seed order; empty when not run), how many finished runs fitted the cell in all, and the mean
     * and 95% interval of the runs' test top-1 (null when not run), which {@link ResultTables}
     * takes from the table's seed values summarized by cell.
     */
    public record CellResult(
            BenchmarkDataset dataset,
            Double paper,
            List<RunRecord> runs,
            int candidates,
            MeanInterval interval) {

        /** Runs without a known seed sort first, the rest by seed. */
        static final Comparator<RunRecord> BY_SEED =
                Comparator.comparing(
                        RunRecord::seed, Comparator.nullsFirst(Comparator.naturalOrder()));

        public CellResult {
            runs = runs.stream().sorted(BY_SEED).toList();
            if ((interval == null) != runs.isEmpty()
                    || (interval != null && interval.n() != runs.size())) {
                throw new IllegalArgumentException(
                        dataset.label()
                                + ": the cell's interval is of "
                                + (interval == null ? "no" : interval.n())
                                + " value(s) but it has "
                                + runs.size()
                                + " run(s)");
            }
        }

        /** The run of the first seed, the one the training curves show; null when not run. */
        public RunRecord run() {
            return runs.isEmpty() ? null : runs.get(0);
        }

        /** How many seeds fill the cell. */
        public int n() {
            return runs.size();
        }

        /** Each seed's test top-1 %, in seed order. */
        public List<Double> values() {
            return runs.stream().map(r -> r.summary().metrics().testTop1()).toList();
        }

        /** The seeds in order (null for a run of unknown seed). */
        public List<Integer> seeds() {
            return runs.stream().map(RunRecord::seed).toList();
        }

        /**
         * Our mean test top-1 % over seeds, to two decimals as the paper prints; null when not run.
         */
        public Double ours() {
            return runs.isEmpty() ? null : Percent.round(interval.mean());
        }

        /** The half-width of our 95% interval, two decimals; null when not run or with one seed. */
        public Double halfWidth() {
            return interval == null || !interval.hasInterval()
                    ? null
                    : Percent.round(interval.halfWidth());
        }

        /** ours − paper, to two decimals; null when either side is missing. */
        public Double delta() {
            Double ours = ours();
            return ours == null || paper == null ? null : Percent.round(ours - paper);
        }

        /** Whether the paper's value lies inside our interval. */
        public PaperVerdict verdict() {
            return PaperVerdict.of(paper, interval());
        }

        public boolean isRun() {
            return !runs.isEmpty();
        }
    }

    /**
     * One row of a result table: a paper row (or, in the quick profile, a row we train) with a cell
     * per dataset. {@code trainedAs} says which runs fill it; null for the paper's rows we do not
     * train (then {@code reproduced} is false).
     */
    public record RowResult(
            String model,
            String prompt,
            List<CellResult> cells,
            Double paperAverage,
            String paperNotes,
            ReproducedRow trainedAs) {

        public RowResult {
            cells = List.copyOf(cells);
            paperNotes = paperNotes == null ? "" : paperNotes;
        }

        /**
         * A row without its {@link ReproducedRow}; {@code reproduced} rows get a stand-in that
         * matches no run.
         */
        public RowResult(
                String model,
                String prompt,
                List<CellResult> cells,
                Double paperAverage,
                String paperNotes,
                boolean reproduced) {
            this(
                    model,
                    prompt,
                    cells,
                    paperAverage,
                    paperNotes,
                    reproduced ? new ReproducedRow(0, model, prompt, "", null, null) : null);
        }

        /** Whether this package trains the row. */
        public boolean reproduced() {
            return trainedAs != null;
        }

        /** "Ours (ViT-B), text" style name. */
        public String label() {
            return prompt == null || prompt.equals("–") ? model : model + ", " + prompt;
        }

        public CellResult cell(BenchmarkDataset dataset) {
            return cells.stream()
                    .filter(c -> c.dataset().equals(dataset))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalArgumentException(
                                            "no " + dataset.label() + " column in this table"));
        }

        public long cellsRun() {
            return cells.stream().filter(CellResult::isRun).count();
        }

        /**
         * The mean of our cells when every dataset has a run (an average of some datasets would
         * mislead).
         */
        public Double oursAverage() {
            if (cellsRun() < cells.size()) {
                return null;
            }
            return Percent.round(
                    cells.stream().mapToDouble(CellResult::ours).average().orElseThrow());
        }

        /** Our average minus the paper's printed average. */
        public Double averageDelta() {
            Double ours = oursAverage();
            return ours == null || paperAverage == null ? null : Percent.round(ours - paperAverage);
        }
    }

    /** The columns of {@link #seedValues()} and the selections the paired differences join. */
    static final class SeedValues {
        static final String ROW = "row";
        static final String METHOD = "method";
        static final String DATASET = "dataset";
        static final String SEED = "seed";
        static final String SEED_KEY = "seed_key";
        static final String ORDER = "order";
        static final String TOP1 = "top1";

        private SeedValues() {}

        /** A table of these columns with no rows yet. */
        static Table empty() {
            return Table.create("seed values")
                    .addColumns(
                            IntColumn.create(ROW),
                            StringColumn.create(METHOD),
                            StringColumn.create(DATASET),
                            IntColumn.create(SEED),
                            StringColumn.create(SEED_KEY),
                            IntColumn.create(ORDER),
                            DoubleColumn.create(TOP1));
        }

        /**
         * Appends the runs of one cell, in seed order: row {@code row} (trained as {@code method},
         * empty for a row we do not train) on {@code dataset}.
         */
        static void append(
                Table values, int row, String method, String dataset, List<RunRecord> runs) {
            for (int k = 0; k < runs.size(); k++) {
                RunRecord run = runs.get(k);
                values.intColumn(ROW).append(row);
                values.stringColumn(METHOD).append(method);
                values.stringColumn(DATASET).append(dataset);
                if (run.seed() == null) {
                    values.intColumn(SEED).appendMissing();
                } else {
                    values.intColumn(SEED).append(run.seed());
                }
                values.stringColumn(SEED_KEY)
                        .append(run.seed() == null ? "" : run.seed().toString());
                values.intColumn(ORDER).append(k);
                values.doubleColumn(TOP1).append(run.summary().metrics().testTop1());
            }
        }

        /**
         * The seed values of the rows of one method, every column but the join keys (dataset,
         * seed_key) prefixed with {@code prefix} so that two sides can be joined.
         */
        static Table side(Table values, String method, String prefix) {
            Table side = values.where(values.stringColumn(METHOD).isEqualTo(method));
            for (String name : List.of(ROW, METHOD, SEED, ORDER, TOP1)) {
                side.column(name).setName(prefix + name);
            }
            return side;
        }
    }
}
