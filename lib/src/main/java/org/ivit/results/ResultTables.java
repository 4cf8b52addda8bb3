package org.ivit.results;

import org.ivit.data.BenchmarkDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ivit.Project;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/**
 * Builds the result tables from the run records: the paper's rows and datasets, in each cell we
 * train the newest finished run of each seed (the cell shows their mean, 95% interval and n), "not
 * run" elsewhere. One profile per table.
 */
public final class ResultTables {
    private static final String TABLE1_TITLE = "Table 1: full fine-tuning, top-1 %";
    private static final String TABLE2_TITLE = "Table 2: VPT-style training (backbone frozen), top-1 %";

    private ResultTables() {}

    /** Table 1 from {@code runsDir/*}/summary.json, with the paper's numbers from {@code runsDir/../paper}. */
    public static ResultTable table1(Path runsDir, String profile) {
        return build(1, TableProfile.of(profile), paperBeside(runsDir), RunTable.scan(runsDir));
    }

    /** Table 2, as {@link #table1}. */
    public static ResultTable table2(Path runsDir, String profile) {
        return build(2, TableProfile.of(profile), paperBeside(runsDir), RunTable.scan(runsDir));
    }

    /** Table 1 of the project's {@code results/runs}. */
    public static ResultTable table1(String profile) {
        return table1(Project.resultsDir().resolve("runs"), profile);
    }

    /** Table 2 of the project's {@code results/runs}. */
    public static ResultTable table2(String profile) {
        return table2(Project.resultsDir().resolve("runs"), profile);
    }

    /** Both tables of both profiles, as written by {@link #writeAll}. */
    public static List<ResultTable> all(Path resultsDir) {
        Path runsDir = resultsDir.resolve("runs");
        PaperNumbers paper = PaperNumbers.load(resultsDir.resolve("paper"));
        RunTable runs = RunTable.scan(runsDir);
        List<ResultTable> tables = new ArrayList<>();
        for (TableProfile profile : List.of(TableProfile.PAPER, TableProfile.QUICK)) {
            tables.add(build(1, profile, paper, runs));
            tables.add(build(2, profile, paper, runs));
        }
        return tables;
    }

    /** Writes {@code table{1,2}-{paper,quick}.{csv,md}} into {@code resultsDir}; returns the files. */
    public static List<Path> writeAll(Path resultsDir) {
        List<Path> written = new ArrayList<>();
        all(resultsDir).forEach(t -> written.addAll(t.write(resultsDir)));
        return written;
    }

    /** The table for one paper table and profile from these runs; runs of other profiles are ignored. */
    public static ResultTable build(int table, TableProfile profile, PaperNumbers paper, RunTable runs) {
        if (table != 1 && table != 2) {
            throw new IllegalArgumentException("the paper has Table 1 and Table 2, not " + table);
        }
        RunTable ofThisTable = runs.of(profile.id(), table);
        RunTable finished = ofThisTable.finished();
        List<BenchmarkDataset> columns = profile.datasets(ofThisTable);

        List<RowResult> rows = new ArrayList<>();
        if (profile.comparableToPaper()) {
            for (PaperRow p : paper.rows(table)) {
                rows.add(row(p.model(), p.prompt(), ReproducedRow.forPaperRow(p).orElse(null), p, columns, finished));
            }
            // a registered backbone the paper has no row for (a user's) gets a row once it has runs
            for (ReproducedRow r : ReproducedRow.of(table)) {
                boolean inPaper = paper.rows(table).stream().anyMatch(p -> ReproducedRow.forPaperRow(p).orElse(null) == r);
                if (!inPaper && hasRuns(r, finished)) {
                    rows.add(row(r.model(), r.prompt(), r, null, columns, finished));
                }
            }
        } else {
            // The quick profile trains a tiny ViT: its rows must not carry the paper's "ViT-B" names. It
            // plans no baseline, but shows a baseline row that has runs (e.g. a user's backbone).
            for (ReproducedRow r : ReproducedRow.of(table).stream().filter(r -> !r.shownWithRunsOnly() || hasRuns(r, finished)).toList()) {
                rows.add(row(r.model().replace("ViT-B", "ViT-tiny"), r.prompt(), r, null, columns, finished));
            }
        }
        List<RunRecord> leftOut = ofThisTable.where(t -> t.booleanColumn(RunTable.FINISHED).isFalse()
                .or(inAnyCell(t, table, columns).flip(0, t.rowCount()))).records();
        List<String> provenance = ProvenanceLines.lines(profile, rows, leftOut, paper.source());
        return new ResultTable(table, table == 1 ? TABLE1_TITLE : TABLE2_TITLE, profile, rows, provenance);
    }

    private static RowResult row(String model, String prompt, ReproducedRow trained, PaperRow paper,
                                 List<BenchmarkDataset> columns, RunTable finished) {
        List<CellResult> cells = new ArrayList<>();
        for (BenchmarkDataset d : columns) {
            Double paperValue = paper == null ? null : paper.value(d);
            RunTable candidates = trained == null ? finished.where(t -> Selection.with())
                    : finished.onDataset(d.id()).where(trained::in);
            cells.add(new CellResult(d, paperValue, candidates.newestPerSeed(RunRecord::seed), candidates.rowCount()));
        }
        return new RowResult(model, prompt, cells, paper == null ? null : paper.average(),
                paper == null ? "" : paper.notes(), trained);
    }

    private static boolean hasRuns(ReproducedRow row, RunTable finished) {
        return !finished.where(row::in).isEmpty();
    }

    /** The runs that fill some cell: of a row of this table, on one of its dataset columns. */
    private static Selection inAnyCell(Table runs, int table, List<BenchmarkDataset> columns) {
        Selection rows = Selection.with();
        for (ReproducedRow r : ReproducedRow.of(table)) {
            rows = rows.or(r.in(runs));
        }
        return rows.and(runs.stringColumn(RunTable.DATASET).isIn(columns.stream().map(BenchmarkDataset::id).toList()));
    }

    // results/runs sits beside results/paper; without a parent folder, use the bundled numbers.
    private static PaperNumbers paperBeside(Path runsDir) {
        Path parent = runsDir.toAbsolutePath().getParent();
        return parent == null ? PaperNumbers.bundled() : PaperNumbers.load(parent.resolve("paper"));
    }
}
