package org.ivit.results;

import java.util.List;
import java.util.function.Function;
import org.ivit.data.BenchmarkDataset;
import org.ivit.results.CellText.Percent;
import org.ivit.results.PairedDifferenceTable.PairedDifference;
import org.ivit.results.ResultTable.RowResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The CSV form: the numeric Tablesaw tables of Tables 1 and 2 and of the paired differences
 * (written with Tablesaw's CSV writer), and Table 3's lines. A missing number is blank; lists are
 * separated by {@value ResultTable#LIST_SEPARATOR}.
 */
final class CsvRenderer {
    private CsvRenderer() {}

    /**
     * Numeric form, per dataset: {@code <id>_paper}, {@code <id>_ours} (mean over seeds), {@code
     * <id>_ci95} (half-width of the 95% t interval; blank for one seed), {@code <id>_n}, {@code
     * <id>_delta} and {@code <id>_verdict} (paper columns and verdict only where comparable),
     * {@code <id>_run} (the run ids, or "not run"), {@code <id>_seeds} and {@code <id>_values}
     * (each seed's test top-1), lists separated by {@value #LIST_SEPARATOR}; a missing number is
     * blank.
     */
    static Table table(ResultTable table) {
        List<RowResult> rows = table.rows();
        Table t = Table.create(table.fileStem());
        t.addColumns(texts("model", rows, RowResult::model));
        if (table.number() == 2) {
            t.addColumns(texts("prompt", rows, RowResult::prompt));
        }
        boolean comparable = table.profile().comparableToPaper();
        for (BenchmarkDataset d : table.datasets()) {
            String id = d.id();
            if (comparable) {
                t.addColumns(numbers(id + "_paper", rows, r -> r.cell(d).paper()));
            }
            t.addColumns(
                    numbers(id + "_ours", rows, r -> r.cell(d).ours()),
                    numbers(id + "_ci95", rows, r -> r.cell(d).halfWidth()),
                    numbers(id + "_n", rows, r -> (double) r.cell(d).n()));
            if (comparable) {
                t.addColumns(
                        numbers(id + "_delta", rows, r -> r.cell(d).delta()),
                        texts(id + "_verdict", rows, r -> r.cell(d).verdict().text()));
            }
            t.addColumns(
                    texts(
                            id + "_run",
                            rows,
                            r ->
                                    r.cell(d).isRun()
                                            ? list(r.cell(d).runs(), x -> x.summary().runId())
                                            : ResultTable.NOT_RUN),
                    texts(id + "_seeds", rows, r -> list(r.cell(d).seeds(), CsvRenderer::seed)),
                    texts(
                            id + "_values",
                            rows,
                            r -> list(r.cell(d).values(), v -> Percent.text(Percent.round(v)))));
        }
        if (table.hasAverage()) {
            if (comparable) {
                t.addColumns(numbers("average_paper", rows, RowResult::paperAverage));
            }
            t.addColumns(numbers("average_ours", rows, RowResult::oursAverage));
            if (comparable) {
                t.addColumns(numbers("average_delta", rows, RowResult::averageDelta));
            }
        }
        t.addColumns(texts("notes", rows, RowResult::paperNotes));
        return t;
    }

    private static <R> StringColumn texts(String name, List<R> rows, Function<R, String> value) {
        return StringColumn.create(name, rows.stream().map(value).toList());
    }

    private static <R> DoubleColumn numbers(String name, List<R> rows, Function<R, Double> value) {
        return numbers(name, rows.stream().map(value).toList());
    }

    /** The values joined by {@value ResultTable#LIST_SEPARATOR}. */
    private static <T> String list(List<T> values, Function<T, String> text) {
        return String.join(ResultTable.LIST_SEPARATOR, values.stream().map(text).toList());
    }

    /** A seed as the CSV writes it: "?" for a run of unknown seed. */
    private static String seed(Integer seed) {
        return seed == null ? "?" : seed.toString();
    }

    /**
     * Numeric form: table, claim, dataset, n, mean, ci95, lower, upper, excludes_zero, verdict,
     * seeds, differences.
     */
    static Table paired(PairedDifferenceTable p) {
        List<PairedDifference> rows = p.rows();
        Table t = Table.create("paired-" + p.profile());
        t.addColumns(
                texts("table", rows, r -> String.valueOf(r.table())),
                texts("claim", rows, PairedDifference::claim),
                texts("dataset", rows, r -> r.dataset().id()),
                numbers("n", rows, r -> (double) r.n()),
                numbers("mean", rows, r -> r.interval() == null ? null : r.interval().mean()),
                numbers(
                        "ci95",
                        rows,
                        r ->
                                r.interval() == null || !r.interval().hasInterval()
                                        ? null
                                        : r.interval().halfWidth()),
                texts("excludes_zero", rows, r -> String.valueOf(r.excludesZero())),
                texts("verdict", rows, PairedDifference::verdict),
                texts("seeds", rows, r -> list(r.seeds(), CsvRenderer::seed)),
                texts(
                        "differences",
                        rows,
                        r -> list(r.differences(), d -> Percent.signed(Percent.round(d)))));
        return t;
    }

    /**
     * The CSV: header, then one line per (dataset, row), for each k its mean, half-width, n and
     * per-seed values.
     */
    static String fewShot(FewShotTable t) {
        StringBuilder b = new StringBuilder("dataset,method,prompt");
        for (int k : t.shots()) {
            b.append(",k")
                    .append(k)
                    .append("_mean,k")
                    .append(k)
                    .append("_ci95,k")
                    .append(k)
                    .append("_n,k")
                    .append(k)
                    .append("_seeds");
        }
        b.append('\n');
        for (String dataset : t.datasets()) {
            for (FewShotTable.Row row : t.rows()) {
                b.append(dataset)
                        .append(',')
                        .append(row.method())
                        .append(',')
                        .append(row.prompt() == null ? "" : row.prompt());
                for (int k : t.shots()) {
                    FewShotTable.Cell c = t.cell(dataset, row, k);
                    if (c == null) {
                        b.append(",,,0,");
                        continue;
                    }
                    MeanInterval m = c.result();
                    b.append(',')
                            .append(Percent.text(Percent.round(m.mean())))
                            .append(',')
                            .append(
                                    m.hasInterval()
                                            ? Percent.text(Percent.round(m.halfWidth()))
                                            : "")
                            .append(',')
                            .append(m.n())
                            .append(',')
                            .append(FewShotTable.seedValues(c));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** A Tablesaw column of numbers, null as missing. */
    static DoubleColumn numbers(String name, List<Double> values) {
        DoubleColumn column = DoubleColumn.create(name);
        values.forEach(
                v -> {
                    if (v == null) {
                        column.appendMissing();
                    } else {
                        column.append(v);
                    }
                });
        return column;
    }
}
