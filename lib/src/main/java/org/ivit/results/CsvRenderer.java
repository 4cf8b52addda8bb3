package org.ivit.results;

import java.util.List;
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
        Table t = Table.create(table.fileStem());
        t.addColumns(
                StringColumn.create("model", table.rows().stream().map(RowResult::model).toList()));
        if (table.number() == 2) {
            t.addColumns(
                    StringColumn.create(
                            "prompt", table.rows().stream().map(RowResult::prompt).toList()));
        }
        boolean comparable = table.profile().comparableToPaper();
        for (BenchmarkDataset d : table.datasets()) {
            if (comparable) {
                t.addColumns(
                        numbers(
                                d.id() + "_paper",
                                table.rows().stream().map(r -> r.cell(d).paper()).toList()));
            }
            t.addColumns(
                    numbers(
                            d.id() + "_ours",
                            table.rows().stream().map(r -> r.cell(d).ours()).toList()));
            t.addColumns(
                    numbers(
                            d.id() + "_ci95",
                            table.rows().stream().map(r -> r.cell(d).halfWidth()).toList()));
            t.addColumns(
                    numbers(
                            d.id() + "_n",
                            table.rows().stream().map(r -> (double) r.cell(d).n()).toList()));
            if (comparable) {
                t.addColumns(
                        numbers(
                                d.id() + "_delta",
                                table.rows().stream().map(r -> r.cell(d).delta()).toList()));
                t.addColumns(
                        StringColumn.create(
                                d.id() + "_verdict",
                                table.rows().stream()
                                        .map(r -> r.cell(d).verdict().text())
                                        .toList()));
            }
            t.addColumns(
                    StringColumn.create(
                            d.id() + "_run",
                            table.rows().stream()
                                    .map(
                                            r ->
                                                    r.cell(d).isRun()
                                                            ? String.join(
                                                                    ResultTable.LIST_SEPARATOR,
                                                                    r.cell(d).runs().stream()
                                                                            .map(
                                                                                    x ->
                                                                                            x.summary()
                                                                                                    .runId())
                                                                            .toList())
                                                            : ResultTable.NOT_RUN)
                                    .toList()));
            t.addColumns(
                    StringColumn.create(
                            d.id() + "_seeds",
                            table.rows().stream()
                                    .map(
                                            r ->
                                                    String.join(
                                                            ResultTable.LIST_SEPARATOR,
                                                            r.cell(d).seeds().stream()
                                                                    .map(
                                                                            x ->
                                                                                    x == null
                                                                                            ? "?"
                                                                                            : x
                                                                                                    .toString())
                                                                    .toList()))
                                    .toList()));
            t.addColumns(
                    StringColumn.create(
                            d.id() + "_values",
                            table.rows().stream()
                                    .map(
                                            r ->
                                                    String.join(
                                                            ResultTable.LIST_SEPARATOR,
                                                            r.cell(d).values().stream()
                                                                    .map(
                                                                            v ->
                                                                                    Percent.text(
                                                                                            Percent
                                                                                                    .round(
                                                                                                            v)))
                                                                    .toList()))
                                    .toList()));
        }
        if (table.hasAverage()) {
            if (comparable) {
                t.addColumns(
                        numbers(
                                "average_paper",
                                table.rows().stream().map(RowResult::paperAverage).toList()));
            }
            t.addColumns(
                    numbers(
                            "average_ours",
                            table.rows().stream().map(RowResult::oursAverage).toList()));
            if (comparable) {
                t.addColumns(
                        numbers(
                                "average_delta",
                                table.rows().stream().map(RowResult::averageDelta).toList()));
            }
        }
        t.addColumns(
                StringColumn.create(
                        "notes", table.rows().stream().map(RowResult::paperNotes).toList()));
        return t;
    }

    /**
     * Numeric form: table, claim, dataset, n, mean, ci95, lower, upper, excludes_zero, verdict,
     * seeds, differences.
     */
    static Table paired(PairedDifferenceTable p) {
        Table t = Table.create("paired-" + p.profile());
        t.addColumns(
                StringColumn.create(
                        "table", p.rows().stream().map(r -> String.valueOf(r.table())).toList()),
                StringColumn.create(
                        "claim", p.rows().stream().map(PairedDifference::claim).toList()),
                StringColumn.create(
                        "dataset", p.rows().stream().map(r -> r.dataset().id()).toList()),
                DoubleColumn.create(
                        "n", p.rows().stream().mapToDouble(PairedDifference::n).toArray()),
                numbers(
                        "mean",
                        p.rows().stream()
                                .map(r -> r.interval() == null ? null : r.interval().mean())
                                .toList()),
                numbers(
                        "ci95",
                        p.rows().stream()
                                .map(
                                        r ->
                                                r.interval() == null || !r.interval().hasInterval()
                                                        ? null
                                                        : r.interval().halfWidth())
                                .toList()),
                StringColumn.create(
                        "excludes_zero",
                        p.rows().stream().map(r -> String.valueOf(r.excludesZero())).toList()),
                StringColumn.create(
                        "verdict", p.rows().stream().map(PairedDifference::verdict).toList()),
                StringColumn.create(
                        "seeds",
                        p.rows().stream()
                                .map(
                                        r ->
                                                String.join(
                                                        ResultTable.LIST_SEPARATOR,
                                                        r.seeds().stream()
                                                                .map(
                                                                        s ->
                                                                                s == null
                                                                                        ? "?"
                                                                                        : s
                                                                                                .toString())
                                                                .toList()))
                                .toList()),
                StringColumn.create(
                        "differences",
                        p.rows().stream()
                                .map(
                                        r ->
                                                String.join(
                                                        ResultTable.LIST_SEPARATOR,
                                                        r.differences().stream()
                                                                .map(
                                                                        d ->
                                                                                Percent.signed(
                                                                                        Percent
                                                                                                .round(
                                                                                                        d)))
                                                                .toList()))
                                .toList()));
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
