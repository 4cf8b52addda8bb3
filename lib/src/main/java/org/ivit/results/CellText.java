package org.ivit.results;

/** How renderers word a cell: "not run", "partial (3/4)", numbers to two decimals. */
final class CellText {
    private CellText() {}

    static String ours(CellResult cell) {
        return cell.isRun() ? Percent.text(cell.ours()) : ResultTable.NOT_RUN;
    }

    static String oursAverage(RowResult row) {
        if (row.oursAverage() != null) {
            return Percent.text(row.oursAverage());
        }
        return row.cellsRun() == 0 ? ResultTable.NOT_RUN : "partial (" + row.cellsRun() + "/" + row.cells().size() + ")";
    }

    /** One compact cell for text and Markdown: "97.61 / 97.20 (-0.41)", "97.61 / not run", or ours alone. */
    static String compact(CellResult cell, boolean comparable) {
        if (!comparable) {
            return ours(cell);
        }
        String delta = cell.delta() == null ? "" : " (" + Percent.signed(cell.delta()) + ")";
        return Percent.text(cell.paper()) + " / " + ours(cell) + delta;
    }

    static String compactAverage(RowResult row, boolean comparable) {
        if (!comparable) {
            return oursAverage(row);
        }
        String delta = row.averageDelta() == null ? "" : " (" + Percent.signed(row.averageDelta()) + ")";
        return Percent.text(row.paperAverage()) + " / " + oursAverage(row) + delta;
    }

    /** What a compact cell holds, said once under the table. */
    static String legend(boolean comparable) {
        return comparable
                ? "Each cell: paper / ours (difference = ours - paper), top-1 % on the test split."
                : "Each cell: our test top-1 %; the paper has no numbers for this profile.";
    }
}
