package org.ivit.results;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.ivit.results.ResultTable.CellResult;
import org.ivit.results.ResultTable.RowResult;

/**
 * How renderers word a cell: "not run", "partial (3/4)", our mean over seeds with the half-width of
 * its 95% interval and n ("87.64 ± 0.35 (n=3)"; "87.70 (n=1)" has no interval), two decimals.
 */
final class CellText {
    private CellText() {}

    static String ours(CellResult cell) {
        return cell.isRun() ? cell.interval().text() : ResultTable.NOT_RUN;
    }

    /**
     * Each seed's value: "seed 1234: 87.70; seed 1235: 87.55" (a run of unknown seed: "seed ?").
     */
    static String perSeed(CellResult cell) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < cell.n(); i++) {
            Integer seed = cell.seeds().get(i);
            parts.add(
                    "seed "
                            + (seed == null ? "?" : seed)
                            + ": "
                            + Percent.text(Percent.round(cell.values().get(i))));
        }
        return String.join("; ", parts);
    }

    static String oursAverage(RowResult row) {
        if (row.oursAverage() != null) {
            return Percent.text(row.oursAverage());
        }
        return row.cellsRun() == 0
                ? ResultTable.NOT_RUN
                : "partial (" + row.cellsRun() + "/" + row.cells().size() + ")";
    }

    /**
     * One compact cell for text and Markdown: "97.61 / 97.20 ± 0.30 (n=3) -0.41, paper inside",
     * "97.61 / not run", or ours alone.
     */
    static String compact(CellResult cell, boolean comparable) {
        if (!comparable) {
            return ours(cell);
        }
        String delta = cell.delta() == null ? "" : " " + Percent.signed(cell.delta());
        String verdict = cell.verdict().text().isEmpty() ? "" : ", " + cell.verdict().text();
        return Percent.text(cell.paper()) + " / " + ours(cell) + delta + verdict;
    }

    static String compactAverage(RowResult row, boolean comparable) {
        if (!comparable) {
            return oursAverage(row);
        }
        String delta =
                row.averageDelta() == null ? "" : " (" + Percent.signed(row.averageDelta()) + ")";
        return Percent.text(row.paperAverage()) + " / " + oursAverage(row) + delta;
    }

    /** What a compact cell holds, said once under the table. */
    static String legend(boolean comparable) {
        String ours =
                "ours = our mean test top-1 % over seeds ± the half-width of its 95% Student t interval, n = seeds"
                        + " (n=1: no interval)";
        return comparable
                ? "Each cell: paper / "
                        + ours
                        + ", difference = ours - paper, and whether the paper's value lies inside our"
                        + " interval (else by how much ours is above or below it)."
                : "Each cell: " + ours + "; the paper has no numbers for this profile.";
    }

    /** Two-decimal percent values, as the paper prints them, and their text forms. */
    static final class Percent {
        private Percent() {}

        static Double round(double value) {
            return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
        }

        /** "97.61"; an empty string for null. */
        static String text(Double value) {
            return value == null ? "" : String.format(Locale.ROOT, "%.2f", value);
        }

        /** "+0.41" or "-1.11", so the sign is never left to guess; empty for null. */
        static String signed(Double value) {
            return value == null ? "" : String.format(Locale.ROOT, "%+.2f", value);
        }
    }
}
