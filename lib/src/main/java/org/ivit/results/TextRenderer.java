package org.ivit.results;

import java.util.ArrayList;
import java.util.List;
import org.ivit.data.BenchmarkDataset;
import org.ivit.results.ResultTable.RowResult;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The plain-text form, for kernels that show only text/plain: Tablesaw's fixed-width print of
 * compact cells, then the notes. Table 3's text is its Markdown.
 */
final class TextRenderer {
    private TextRenderer() {}

    static String table(ResultTable t) {
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

    private static String label(RowResult row, List<String> notes) {
        return row.paperNotes().isBlank()
                ? row.label()
                : row.label() + " [" + (notes.indexOf(row.paperNotes()) + 1) + "]";
    }

    static String paired(PairedDifferenceTable p) {
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

    static String fewShot(FewShotTable t) {
        return MarkdownRenderer.fewShot(t);
    }
}
