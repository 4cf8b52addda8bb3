package org.ivit.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ivit.data.Datasets;
import org.ivit.results.CellText.Percent;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/**
 * Table 3, few-shot: per dataset, one row per method (VPT, Instruction-ViT text, image, mix, all
 * prompt tuning), one column per k, each cell the test top-1 mean ± 95% Student t interval over the
 * seeds with n ({@link MeanInterval}; a single value where n = 1). It reads only run records
 * ({@code "table": 3}, with their {@code few_shot} k and seed); per row, k and seed the newest
 * finished run counts. Written as {@code fewshot-<profile>.csv} (one line per row, for each k the
 * mean, the half-width, n and each seed's value) and {@code fewshot-<profile>.md}.
 *
 * @param shots the columns: the k asked for and any k a run has
 * @param datasets the datasets with few-shot runs of this profile, in the registry's order
 * @param cells every (dataset, row, k) that has at least one finished run
 */
public record FewShotTable(
        String profile,
        List<Integer> shots,
        List<String> datasets,
        List<Row> rows,
        Map<Key, Cell> cells) {
    /** The table number few-shot runs record. */
    public static final int TABLE = org.ivit.spec.FewShotPlan.TABLE;

    /** A row: the method, with its prompt kind for Instruction-ViT. */
    public record Row(String label, String method, String prompt) {
        /** This row's runs in a {@link RunTable}. */
        Selection in(Table runs) {
            return runs.stringColumn(RunTable.METHOD)
                    .isEqualTo(method)
                    .and(
                            runs.stringColumn(RunTable.PROMPT)
                                    .isEqualTo(prompt == null ? "" : prompt));
        }
    }

    /** The rows in their order: VPT, then Instruction-ViT text, image, mix. */
    public static final List<Row> ROWS =
            List.of(
                    new Row("VPT", "vpt", null),
                    new Row("Instruction-ViT (text)", "instruction-vit", "text"),
                    new Row("Instruction-ViT (image)", "instruction-vit", "image"),
                    new Row("Instruction-ViT (mix)", "instruction-vit", "mix"));

    public record Key(String dataset, Row row, int shots) {}

    // The columns of the seeds' values that a build summarizes by cell (its index among the
    // cells).
    private static final String CELL = "cell";
    private static final String TOP1 = "top1";

    /** One cell: the runs behind it by seed (in seed order) and their mean and interval. */
    public record Cell(Map<Integer, RunRecord> bySeed, MeanInterval result) {
        public String text() {
            return result.text();
        }
    }

    /**
     * The table of {@code <resultsDir>/runs} for a profile, with at least the columns {@code
     * shots}.
     */
    public static FewShotTable of(Path resultsDir, String profile, List<Integer> shots) {
        return build(profile, shots, RunTable.scan(resultsDir.resolve("runs")));
    }

    /**
     * The table from these runs; runs of other profiles and tables, and unfinished ones, are left
     * out.
     */
    public static FewShotTable build(String profile, List<Integer> shots, RunTable runs) {
        RunTable fewShot =
                runs.of(profile, TABLE)
                        .finished()
                        .where(t -> t.intColumn(RunTable.SUBSET_SEED).isNotMissing());
        TreeSet<Integer> columns = new TreeSet<>(shots);
        columns.addAll(fewShot.table().intColumn(RunTable.SHOTS).asList());
        List<String> ran = fewShot.distinct(RunTable.DATASET);
        List<String> datasets = Datasets.ids().stream().filter(ran::contains).toList();
        // one cell per (dataset, method, prompt, k) group of a row; in each the newest run of each
        // subset seed counts
        Map<Key, Map<Integer, RunRecord>> cellRuns = new LinkedHashMap<>();
        Table values =
                Table.create("few-shot values")
                        .addColumns(IntColumn.create(CELL), DoubleColumn.create(TOP1));
        for (RunTable group :
                fewShot.splitOn(
                        RunTable.DATASET, RunTable.METHOD, RunTable.PROMPT, RunTable.SHOTS)) {
            Row row =
                    ROWS.stream()
                            .filter(r -> !group.where(r::in).isEmpty())
                            .findFirst()
                            .orElse(null);
            if (row == null) {
                continue; // a method Table 3 has no row for
            }
            Map<Integer, RunRecord> bySeed = new TreeMap<>();
            group.newestPerSeed(FewShotTable::subsetSeed)
                    .forEach(r -> bySeed.put(subsetSeed(r), r));
            Table first = group.table();
            Key key =
                    new Key(
                            first.stringColumn(RunTable.DATASET).get(0),
                            row,
                            first.intColumn(RunTable.SHOTS).get(0));
            int index = cellRuns.size();
            cellRuns.put(key, bySeed);
            bySeed.forEach(
                    (seed, run) -> {
                        values.intColumn(CELL).append(index);
                        values.doubleColumn(TOP1).append(run.summary().metrics().testTop1());
                    });
        }
        // each cell's mean and interval: the seeds' values grouped by cell
        List<Key> keys = List.copyOf(cellRuns.keySet());
        Map<Key, MeanInterval> intervals = new HashMap<>();
        for (tech.tablesaw.api.Row cell : MeanInterval.summarize(values, TOP1, CELL)) {
            intervals.put(keys.get(cell.getInt(CELL)), MeanInterval.at(cell));
        }
        Map<Key, Cell> cells = new LinkedHashMap<>();
        cellRuns.forEach((key, bySeed) -> cells.put(key, new Cell(bySeed, intervals.get(key))));
        return new FewShotTable(profile, List.copyOf(columns), datasets, ROWS, cells);
    }

    private static Integer subsetSeed(RunRecord run) {
        return run.summary().metrics().fewShot().seed();
    }

    /**
     * The dataset's name as the paper prints it ("Fashion-MNIST"), or its id when it is not
     * registered.
     */
    public static String label(String dataset) {
        return Datasets.isKnown(dataset) ? Datasets.byId(dataset).label() : dataset;
    }

    public Cell cell(String dataset, Row row, int k) {
        return cells.get(new Key(dataset, row, k));
    }

    /** "71.20 ± 1.30 (n=3)", "71.20 (n=1)", or "not run". */
    public String cellText(String dataset, Row row, int k) {
        Cell c = cell(dataset, row, k);
        return c == null ? "not run" : c.text();
    }

    public String fileStem() {
        return "fewshot-" + profile;
    }

    /**
     * The CSV: header, then one line per (dataset, row), for each k its mean, half-width, n and
     * per-seed values.
     */
    public String csv() {
        return CsvRenderer.fewShot(this);
    }

    /** "1234=71.20;1235=70.10": each seed with its test top-1. */
    static String seedValues(Cell c) {
        List<String> parts = new ArrayList<>();
        c.bySeed()
                .forEach(
                        (seed, run) ->
                                parts.add(
                                        seed
                                                + "="
                                                + Percent.text(
                                                        Percent.round(
                                                                run.summary()
                                                                        .metrics()
                                                                        .testTop1()))));
        return String.join(";", parts);
    }

    /**
     * The Markdown: a table per dataset (rows × k), the seeds' values, and which runs fill the
     * cells.
     */
    public String markdown() {
        return MarkdownRenderer.fewShot(this);
    }

    /**
     * The notebook form: a table per dataset, rows × k, "not run" in grey, each seed's value under
     * the cell's interval.
     */
    public String toHtml() {
        return HtmlRenderer.fewShot(this);
    }

    @Override
    public String toString() {
        return MarkdownRenderer.fewShot(this);
    }

    /**
     * Writes {@code fewshot-<profile>.csv} and {@code .md} into {@code dir} (normally {@code
     * results/}).
     */
    public List<Path> write(Path dir) {
        Path csv = dir.resolve(fileStem() + ".csv");
        Path md = dir.resolve(fileStem() + ".md");
        try {
            Files.createDirectories(dir);
            Files.writeString(csv, csv());
            Files.writeString(md, markdown());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv + " or " + md, e);
        }
        return List.of(csv, md);
    }

    /** The rows that have at least one cell on this dataset. */
    public List<Row> rowsWithRuns(String dataset) {
        return rows.stream()
                .filter(r -> shots.stream().anyMatch(k -> cell(dataset, r, k) != null))
                .toList();
    }
}
