package org.ivit.results;

import org.ivit.data.BenchmarkDataset;

/**
 * One dataset cell of a result table: the paper's value (null where the profile is not comparable),
 * our run's test top-1 (null when not run), and how many finished runs fitted the cell.
 */
public record CellResult(BenchmarkDataset dataset, Double paper, RunRecord run, int candidates) {

    /** Our test top-1 %, to two decimals as the paper prints; null when not run. */
    public Double ours() {
        return run == null ? null : Percent.round(run.summary().testTop1());
    }

    /** ours − paper, to two decimals; null when either side is missing. */
    public Double delta() {
        Double ours = ours();
        return ours == null || paper == null ? null : Percent.round(ours - paper);
    }

    public boolean isRun() {
        return run != null;
    }
}
