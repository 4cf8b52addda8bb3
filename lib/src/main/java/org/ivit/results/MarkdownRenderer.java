package org.ivit.results;

import java.util.ArrayList;
import java.util.List;
import org.ivit.data.BenchmarkDataset;
import org.ivit.results.ResultTable.RowResult;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The Markdown form, for {@code results/*.md} and READMEs, of Tables 1 and 2 (one compact "paper /
 * ours (difference)" cell per dataset, since Markdown has no grouped headers and twelve narrow
 * columns read worse), the paired differences and Table 3; and the plain-text form of the same
 * compact cells (Table 3's text is its Markdown).
 */
final class MarkdownRenderer {
    private MarkdownRenderer() {}

    static String table(ResultTable t) {
        boolean comparable = t.profile().comparableToPaper();
        List<String> notes = t.paperNotes();
        StringBuilder md = new StringBuilder();
        md.append("**").append(escape(t.heading())).append("**\n\n");
        md.append(CellText.legend(comparable)).append("\n\n");

        List<String> header = new ArrayList<>(List.of("model"));
        t.datasets().forEach(d -> header.add(d.label()));
        if (t.hasAverage()) {
            header.add("Average");
        }
        row(md, header);
        row(md, header.stream().map(h -> "---").toList());
        for (RowResult r : t.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(label(r, notes));
            t.datasets().forEach(d -> cells.add(CellText.compact(r.cell(d), comparable)));
            if (t.hasAverage()) {
                cells.add(CellText.compactAverage(r, comparable));
            }
            row(md, cells);
        }
        md.append('\n');
        t.provenance().forEach(p -> md.append("- ").append(escape(p)).append('\n'));
        if (!notes.isEmpty()) {
            md.append('\n');
            for (int i = 0; i < notes.size(); i++) {
                md.append("[")
                        .append(i + 1)
                        .append("] ")
                        .append(escape(notes.get(i)))
                        .append("\n\n");
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append("| ")
                .append(String.join(" | ", cells.stream().map(MarkdownRenderer::escape).toList()))
                .append(" |\n");
    }

    // A pipe would split the cell. (Underscores inside words, as in run ids, are no emphasis in
    // GFM.)
    private static String escape(String text) {
        return text.replace("|", "\\|");
    }

    static String paired(PairedDifferenceTable p) {
        StringBuilder md = new StringBuilder("**").append(p.heading()).append("**\n\n");
        md.append(
                "| table | claim | dataset | mean ± 95% CI (n) | excludes 0? | verdict | per seed |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (List<String> r : p.cells()) {
            md.append("| ")
                    .append(String.join(" | ", r.stream().map(c -> c.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        return md.append('\n').append(p.legend()).append('\n').toString();
    }

    /**
     * The Markdown: a table per dataset (rows × k), the seeds' values, and which runs fill the
     * cells.
     */
    static String fewShot(FewShotTable t) {
        StringBuilder b =
                new StringBuilder(
                        "# Table 3: few-shot, prompt tuning, test top-1 % ("
                                + t.profile()
                                + " profile)\n\n");
        b.append(
                "CoOp's protocol: k training images per class drawn by the seed, min(k, 4) validation images per class,"
                        + " the full test split. Each cell: mean ± 95% Student t interval over seeds (n = seeds); one value where n = 1.\n");
        if (t.datasets().isEmpty()) {
            b.append("\nNo finished few-shot run of this profile yet.\n");
        }
        for (String dataset : t.datasets()) {
            String label = FewShotTable.label(dataset);
            b.append("\n## ").append(label).append("\n\n| method |");
            t.shots().forEach(k -> b.append(" k = ").append(k).append(" |"));
            b.append("\n|---|");
            t.shots().forEach(k -> b.append("---|"));
            b.append('\n');
            for (FewShotTable.Row row : t.rows()) {
                b.append("| ").append(row.label()).append(" |");
                t.shots()
                        .forEach(
                                k ->
                                        b.append(' ')
                                                .append(t.cellText(dataset, row, k))
                                                .append(" |"));
                b.append('\n');
            }
            b.append('\n');
            for (FewShotTable.Row row : t.rows()) {
                for (int k : t.shots()) {
                    FewShotTable.Cell c = t.cell(dataset, row, k);
                    if (c != null) {
                        b.append("- ")
                                .append(row.label())
                                .append(", k = ")
                                .append(k)
                                .append(": seeds ")
                                .append(FewShotTable.seedValues(c).replace(";", ", "))
                                .append(" (runs ")
                                .append(
                                        String.join(
                                                ", ",
                                                c.bySeed().values().stream()
                                                        .map(r -> r.summary().runId())
                                                        .toList()))
                                .append(")\n");
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * The plain-text form, for kernels that show only text/plain: Tablesaw's fixed-width print of
     * the compact cells the Markdown shows, then the notes.
     */
    static String plainTable(ResultTable t) {
        boolean comparable = t.profile().comparableToPaper();
        List<String> notes = t.paperNotes();
        Table grid = Table.create(t.heading());
        grid.addColumns(
                StringColumn.create("model", t.rows().stream().map(r -> label(r, notes)).toList()));
        for (BenchmarkDataset d : t.datasets()) {
            grid.addColumns(
                    StringColumn.create(
                            d.label(),
                            t.rows().stream()
                                    .map(r -> CellText.compact(r.cell(d), comparable))
                                    .toList()));
        }
        if (t.hasAverage()) {
            grid.addColumns(
                    StringColumn.create(
                            "Average",
                            t.rows().stream()
                                    .map(r -> CellText.compactAverage(r, comparable))
                                    .toList()));
        }
        List<String> lines = new ArrayList<>();
        lines.add(grid.printAll());
        lines.add(CellText.legend(comparable));
        t.provenance().forEach(p -> lines.add("- " + p));
        for (int i = 0; i < notes.size(); i++) {
            lines.add("[" + (i + 1) + "] " + notes.get(i));
        }
        return String.join("\n", lines);
    }

    /** The row's label with the number of its paper note, e.g. "EfficientNet-B3 [2]". */
    private static String label(RowResult row, List<String> notes) {
        return row.paperNotes().isBlank()
                ? row.label()
                : row.label() + " [" + (notes.indexOf(row.paperNotes()) + 1) + "]";
    }

    /** The paired differences as plain text: Tablesaw's print of the rendered cells. */
    static String plainPaired(PairedDifferenceTable p) {
        Table grid = Table.create(p.heading());
        List<List<String>> cells = p.cells();
        for (int c = 0; c < PairedDifferenceTable.COLUMNS.size(); c++) {
            final int column = c;
            grid.addColumns(
                    StringColumn.create(
                            PairedDifferenceTable.COLUMNS.get(c),
                            cells.stream().map(r -> r.get(column)).toList()));
        }
        return grid.printAll() + "\n" + p.legend();
    }
}
