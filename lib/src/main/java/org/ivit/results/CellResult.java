package org.ivit.results;

import java.util.Comparator;
import java.util.List;
import org.ivit.data.BenchmarkDataset;

/**
 * One dataset cell of a result table: the paper's value (null where the profile is not
 * comparable), our runs of the cell, one per seed (the newest finished run of each seed, in seed
 * order; empty when not run), and how many finished runs fitted the cell in all.
 */
public record CellResult(BenchmarkDataset dataset, Double paper, List<RunRecord> runs, int candidates) {

    /** Runs without a known seed sort first, the rest by seed. */
    static final Comparator<RunRecord> BY_SEED = Comparator.comparing(RunRecord::seed,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    public CellResult {
        runs = runs.stream().sorted(BY_SEED).toList();
    }

    /** A cell with one run (or none: null). */
    public CellResult(BenchmarkDataset dataset, Double paper, RunRecord run, int candidates) {
        this(dataset, paper, run == null ? List.of() : List.of(run), candidates);
    }

    /** The run of the first seed, the one the training curves show; null when not run. */
    public RunRecord run() {
        return runs.isEmpty() ? null : runs.get(0);
    }

    /** How many seeds fill the cell. */
    public int n() {
        return runs.size();
    }

    /** Each seed's test top-1 %, in seed order. */
    public List<Double> values() {
        return runs.stream().map(r -> r.summary().metrics().testTop1()).toList();
    }

    /** The seeds in order (null for a run of unknown seed). */
    public List<Integer> seeds() {
        return runs.stream().map(RunRecord::seed).toList();
    }

    /** Mean test top-1 over seeds with its 95% t interval; null when not run. */
    public MeanInterval interval() {
        return runs.isEmpty() ? null : MeanInterval.of(values());
    }

    /** Our mean test top-1 % over seeds, to two decimals as the paper prints; null when not run. */
    public Double ours() {
        return runs.isEmpty() ? null : Percent.round(interval().mean());
    }

    /** The half-width of our 95% interval, two decimals; null when not run or with one seed. */
    public Double halfWidth() {
        MeanInterval i = interval();
        return i == null || !i.hasInterval() ? null : Percent.round(i.halfWidth());
    }

    /** ours − paper, to two decimals; null when either side is missing. */
    public Double delta() {
        Double ours = ours();
        return ours == null || paper == null ? null : Percent.round(ours - paper);
    }

    /** Whether the paper's value lies inside our interval. */
    public PaperVerdict verdict() {
        return PaperVerdict.of(paper, interval());
    }

    public boolean isRun() {
        return !runs.isEmpty();
    }
}
