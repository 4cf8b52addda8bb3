package org.ivit.results;

import org.ivit.data.BenchmarkDataset;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The plain-text form: Tablesaw's fixed-width print of compact cells, then the notes. */
final class ResultTableText {
    private ResultTableText() {}

    static String render(ResultTable t) {
        boolean comparable = t.profile().comparableToPaper();
        List<String> notes = t.paperNotes();
        Table grid = Table.create(t.heading());
        grid.addColumns(StringColumn.create("model", t.rows().stream().map(r -> label(r, notes)).toList()));
        for (BenchmarkDataset d : t.datasets()) {
            grid.addColumns(StringColumn.create(d.label(),
                    t.rows().stream().map(r -> CellText.compact(r.cell(d), comparable)).toList()));
        }
        if (t.hasAverage()) {
            grid.addColumns(StringColumn.create("Average",
                    t.rows().stream().map(r -> CellText.compactAverage(r, comparable)).toList()));
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
        return row.paperNotes().isBlank() ? row.label() : row.label() + " [" + (notes.indexOf(row.paperNotes()) + 1) + "]";
    }
}
