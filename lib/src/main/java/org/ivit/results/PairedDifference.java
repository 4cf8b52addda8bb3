package org.ivit.results;

import org.ivit.data.BenchmarkDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One claim of the paper tested on our runs, for one dataset: Instruction-ViT against its baseline
 * (ViT in Table 1, VPT in Table 2) over the seeds both were run with. Each seed gives one
 * difference (ours − baseline, test top-1 points); {@link #interval()} is their mean with its 95%
 * Student t interval. The claim holds on our runs when the interval lies wholly above 0.
 *
 * @param seeds the seeds both cells have, in order (null: the runs of unknown seed, paired as one)
 * @param differences ours − baseline for each of {@code seeds}
 */
public record PairedDifference(int table, String profile, BenchmarkDataset dataset, String ours, String baseline,
                               List<Integer> seeds, List<Double> differences) {

    public PairedDifference {
        seeds = java.util.Collections.unmodifiableList(new ArrayList<>(seeds));
        differences = List.copyOf(differences);
        if (seeds.size() != differences.size()) {
            throw new IllegalArgumentException(seeds.size() + " seeds but " + differences.size() + " differences");
        }
    }

    /**
     * The pairs of two cells of one dataset: each seed that both have (the newest run of each).
     *
     * @param ours the Instruction-ViT row's cell
     * @param baseline the baseline row's cell of the same dataset
     */
    public static PairedDifference of(int table, String profile, String oursLabel, CellResult ours, String baselineLabel,
                                      CellResult baseline) {
        if (ours.dataset() != baseline.dataset()) {
            throw new IllegalArgumentException("a paired difference compares one dataset: " + ours.dataset().label()
                    + " vs " + baseline.dataset().label());
        }
        List<Integer> seeds = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        for (RunRecord o : ours.runs()) {
            for (RunRecord b : baseline.runs()) {
                if (Objects.equals(o.seed(), b.seed())) {
                    seeds.add(o.seed());
                    differences.add(o.summary().metrics().testTop1() - b.summary().metrics().testTop1());
                }
            }
        }
        return new PairedDifference(table, profile, ours.dataset(), oursLabel, baselineLabel, seeds, differences);
    }

    /**
     * Every claim of a table, per dataset: in Table 1 each Instruction-ViT row against ViT, in
     * Table 2 each Instruction-ViT row (text, image, mix) against VPT. Rows are found by the method
     * their runs have, so rows added to a table change nothing here.
     */
    public static List<PairedDifference> of(ResultTable t) {
        String baselineMethod = t.number() == 1 ? "vit" : "vpt";
        List<RowResult> baselines = t.rows().stream().filter(r -> r.reproduced() && r.trainedAs().method().equals(baselineMethod)).toList();
        List<RowResult> ours = t.rows().stream().filter(r -> r.reproduced() && r.trainedAs().method().equals("instruction-vit")).toList();
        List<PairedDifference> out = new ArrayList<>();
        for (RowResult baseline : baselines) {
            for (RowResult o : ours) {
                for (BenchmarkDataset d : t.datasets()) {
                    out.add(of(t.number(), t.profile().id(), o.label(), o.cell(d), baseline.label(), baseline.cell(d)));
                }
            }
        }
        return out;
    }

    /** How many seeds pair up. */
    public int n() {
        return differences.size();
    }

    /** The mean difference and its 95% interval; null when no seed pairs up. */
    public MeanInterval interval() {
        return differences.isEmpty() ? null : MeanInterval.of(differences);
    }

    /** Whether the 95% interval of the mean difference excludes 0 (needs two or more seeds). */
    public boolean excludesZero() {
        MeanInterval i = interval();
        return i != null && i.excludesZero();
    }

    /** "ours better", "baseline better", "no difference shown (CI contains 0)", "n=1: no interval", "not run". */
    public String verdict() {
        MeanInterval i = interval();
        if (i == null) {
            return "not run (no seed with both runs)";
        }
        if (!i.hasInterval()) {
            return "n=1: no interval";
        }
        if (!i.excludesZero()) {
            return "no difference shown (CI contains 0)";
        }
        return i.mean() > 0 ? "ours better (CI above 0)" : "baseline better (CI below 0)";
    }

    /** "Ours (ViT-B), text − ViT-B (VPT)". */
    public String claim() {
        return ours + " − " + baseline;
    }
}
