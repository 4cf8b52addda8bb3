package org.ivit.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ivit.data.BenchmarkDataset;
import org.ivit.results.CellText.Percent;
import org.ivit.results.ResultTable.RowResult;
import org.ivit.results.ResultTable.SeedValues;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The paper's claims tested on our runs of one profile: for each claim and dataset, the mean paired
 * difference over seeds (ours − baseline, test top-1 points), its 95% interval, n, and whether the
 * interval excludes 0. Built from the result tables, so it pairs exactly the runs they show.
 */
public final class PairedDifferenceTable {
    private final String profile;
    private final List<PairedDifference> rows;

    PairedDifferenceTable(String profile, List<PairedDifference> rows) {
        this.profile = profile;
        this.rows = List.copyOf(rows);
    }

    /** The claims of these tables (normally Table 1 and Table 2 of one profile). */
    public static PairedDifferenceTable of(ResultTable... tables) {
        List<PairedDifference> rows = new ArrayList<>();
        String profile = null;
        for (ResultTable t : tables) {
            if (profile != null && !profile.equals(t.profile().id())) {
                throw new IllegalArgumentException(
                        "paired differences of one profile only, got "
                                + profile
                                + " and "
                                + t.profile().id());
            }
            profile = t.profile().id();
            rows.addAll(PairedDifference.of(t));
        }
        return new PairedDifferenceTable(profile == null ? "" : profile, rows);
    }

    /** Both tables' claims of a profile from the runs in {@code runsDir}. */
    public static PairedDifferenceTable of(java.nio.file.Path runsDir, String profile) {
        return of(ResultTables.table1(runsDir, profile), ResultTables.table2(runsDir, profile));
    }

    public List<PairedDifference> rows() {
        return rows;
    }

    public String profile() {
        return profile;
    }

    /**
     * Seeds paired over all rows: what decides whether a file on disk may be replaced (see {@link
     * FilledCells}).
     */
    public int pairs() {
        return rows.stream().mapToInt(PairedDifference::n).sum();
    }

    /** e.g. {@code paired-quick}. */
    public String fileStem() {
        return "paired-" + profile;
    }

    /**
     * Writes {@code paired-<profile>.csv} and {@code .md} into {@code dir}, unless the CSV there
     * pairs more seeds than this table; returns the files written.
     */
    public List<java.nio.file.Path> write(java.nio.file.Path dir) {
        java.nio.file.Path csv = dir.resolve(fileStem() + ".csv");
        java.nio.file.Path md = dir.resolve(fileStem() + ".md");
        if (!FilledCells.mayReplace(csv, pairsInCsv(csv), pairs())) {
            return List.of();
        }
        try {
            java.nio.file.Files.createDirectories(dir);
            table().write().csv(csv.toFile());
            java.nio.file.Files.writeString(
                    md, toMarkdown(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + csv, e);
        }
        return List.of(csv, md);
    }

    /** The sum of the {@code n} column of a CSV {@link #write} wrote; empty without one. */
    static java.util.OptionalInt pairsInCsv(java.nio.file.Path csv) {
        if (!java.nio.file.Files.isRegularFile(csv)) {
            return java.util.OptionalInt.empty();
        }
        try {
            Table t =
                    Table.read()
                            .usingOptions(
                                    tech.tablesaw.io.csv.CsvReadOptions.builder(csv.toFile())
                                            .columnTypes(
                                                    name ->
                                                            name.equals("n")
                                                                    ? tech.tablesaw.api.ColumnType
                                                                            .DOUBLE
                                                                    : tech.tablesaw.api.ColumnType
                                                                            .STRING)
                                            .build());
            return java.util.OptionalInt.of((int) Math.round(t.doubleColumn("n").sum()));
        } catch (RuntimeException e) {
            return java.util.OptionalInt.empty();
        }
    }

    public String heading() {
        return "Paired differences over seeds, "
                + profile
                + " profile: ours − baseline, test top-1 points, mean ± 95% CI";
    }

    /**
     * Numeric form: table, claim, dataset, n, mean, ci95, excludes_zero, verdict, seeds,
     * differences.
     */
    public Table table() {
        return CsvRenderer.paired(this);
    }

    public String toHtml() {
        return HtmlRenderer.paired(this);
    }

    public String toMarkdown() {
        return MarkdownRenderer.paired(this);
    }

    @Override
    public String toString() {
        return MarkdownRenderer.plainPaired(this);
    }

    /** The headers of the rendered forms. */
    static final List<String> COLUMNS =
            List.of(
                    "table",
                    "claim",
                    "dataset",
                    "mean ± 95% CI (n)",
                    "excludes 0?",
                    "verdict",
                    "per seed");

    /** The rendered cells of each row, in {@link #COLUMNS} order. */
    List<List<String>> cells() {
        List<List<String>> out = new ArrayList<>();
        for (PairedDifference r : rows) {
            MeanInterval i = r.interval();
            List<String> perSeed = new ArrayList<>();
            for (int k = 0; k < r.n(); k++) {
                perSeed.add(
                        (r.seeds().get(k) == null ? "?" : r.seeds().get(k))
                                + ": "
                                + Percent.signed(Percent.round(r.differences().get(k))));
            }
            out.add(
                    List.of(
                            "Table " + r.table(),
                            r.claim(),
                            r.dataset().label(),
                            i == null ? "not run" : i.signedText(),
                            i == null || !i.hasInterval() ? "" : r.excludesZero() ? "yes" : "no",
                            r.verdict(),
                            String.join("; ", perSeed)));
        }
        return out;
    }

    String legend() {
        long judged =
                rows.stream()
                        .filter(r -> r.interval() != null && r.interval().hasInterval())
                        .count();
        long holds = rows.stream().filter(r -> r.excludesZero() && r.interval().mean() > 0).count();
        return "Each row pairs the runs of the same seed (the newest of each, as in the result tables); difference = ours − baseline."
                + " The paper's claim holds on our runs where the interval lies wholly above 0: in "
                + holds
                + " of "
                + judged
                + " comparison(s) with two or more seeds.";
    }

    /**
     * One claim of the paper tested on our runs, for one dataset: Instruction-ViT against its
     * baseline (ViT in Table 1, VPT in Table 2) over the seeds both were run with. Each seed gives
     * one difference (ours − baseline, test top-1 points); {@link #interval()} is their mean with
     * its 95% Student t interval. The claim holds on our runs when the interval lies wholly above
     * 0.
     *
     * @param seeds the seeds both cells have, in order (null: the runs of unknown seed, paired as
     *     one)
     * @param differences ours − baseline for each of {@code seeds}
     * @param interval the differences' mean and 95% interval, from the pairs summarized by claim
     *     and dataset; null when no seed pairs up
     */
    public record PairedDifference(
            int table,
            String profile,
            BenchmarkDataset dataset,
            String ours,
            String baseline,
            List<Integer> seeds,
            List<Double> differences,
            MeanInterval interval) {

        public PairedDifference {
            seeds = java.util.Collections.unmodifiableList(new ArrayList<>(seeds));
            differences = List.copyOf(differences);
            if (seeds.size() != differences.size()) {
                throw new IllegalArgumentException(
                        seeds.size() + " seeds but " + differences.size() + " differences");
            }
            if ((interval == null ? 0 : interval.n()) != differences.size()) {
                throw new IllegalArgumentException(
                        "an interval of "
                                + (interval == null ? 0 : interval.n())
                                + " value(s) for "
                                + differences.size()
                                + " differences");
            }
        }

        /**
         * Every claim of a table, per dataset: in Table 1 each Instruction-ViT row against ViT, in
         * Table 2 each Instruction-ViT row (text, image, mix) against VPT. Rows are found by the
         * method their runs have, so rows added to a table change nothing here. The pairs come from
         * one Tablesaw inner join of the Instruction-ViT rows' seed values with the baseline rows'
         * on (dataset, seed): each seed that both cells have (the newest run of each, as the table
         * shows), in the Instruction-ViT cell's seed order. Each claim's mean and interval are the
         * pairs summarized by (Instruction-ViT row, baseline row, dataset).
         */
        public static List<PairedDifference> of(ResultTable t) {
            String baselineMethod = t.number() == 1 ? "vit" : "vpt";
            Table values = t.seedValues();
            Table pairs =
                    SeedValues.side(values, "instruction-vit", OURS)
                            .joinOn(SeedValues.DATASET, SeedValues.SEED_KEY)
                            .inner(SeedValues.side(values, baselineMethod, BASELINE));
            pairs.addColumns(
                    pairs.doubleColumn(OURS + SeedValues.TOP1)
                            .subtract(pairs.doubleColumn(BASELINE + SeedValues.TOP1))
                            .setName(DIFFERENCE));
            // seed order within each claim, so each group's differences sum in the order shown
            pairs = pairs.sortAscendingOn(OURS + SeedValues.ORDER);
            Map<ClaimKey, MeanInterval> intervals = new HashMap<>();
            for (Row claim :
                    MeanInterval.summarize(
                            pairs,
                            DIFFERENCE,
                            OURS + SeedValues.ROW,
                            BASELINE + SeedValues.ROW,
                            SeedValues.DATASET)) {
                intervals.put(
                        new ClaimKey(
                                claim.getInt(OURS + SeedValues.ROW),
                                claim.getInt(BASELINE + SeedValues.ROW),
                                claim.getString(SeedValues.DATASET)),
                        MeanInterval.at(claim));
            }
            List<PairedDifference> out = new ArrayList<>();
            for (int b : rowsTrainedAs(t, baselineMethod)) {
                for (int o : rowsTrainedAs(t, "instruction-vit")) {
                    for (BenchmarkDataset d : t.datasets()) {
                        Table claim =
                                pairs.where(
                                                pairs.intColumn(BASELINE + SeedValues.ROW)
                                                        .isEqualTo(b)
                                                        .and(
                                                                pairs.intColumn(
                                                                                OURS
                                                                                        + SeedValues
                                                                                                .ROW)
                                                                        .isEqualTo(o))
                                                        .and(
                                                                pairs.stringColumn(
                                                                                SeedValues.DATASET)
                                                                        .isEqualTo(d.id())))
                                        .sortAscendingOn(OURS + SeedValues.ORDER);
                        out.add(
                                new PairedDifference(
                                        t.number(),
                                        t.profile().id(),
                                        d,
                                        t.rows().get(o).label(),
                                        t.rows().get(b).label(),
                                        claim.intColumn(OURS + SeedValues.SEED).asList(),
                                        claim.doubleColumn(DIFFERENCE).asList(),
                                        intervals.get(new ClaimKey(o, b, d.id()))));
                    }
                }
            }
            return out;
        }

        private static final String OURS = "ours_";
        private static final String BASELINE = "baseline_";
        private static final String DIFFERENCE = "difference";

        /** The indices of the table's rows that runs of {@code method} fill, in row order. */
        private static List<Integer> rowsTrainedAs(ResultTable t, String method) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < t.rows().size(); i++) {
                RowResult r = t.rows().get(i);
                if (r.reproduced() && r.trainedAs().method().equals(method)) {
                    rows.add(i);
                }
            }
            return rows;
        }

        /** How many seeds pair up. */
        public int n() {
            return differences.size();
        }

        /** One claim on one dataset: the Instruction-ViT and baseline rows' indices. */
        private record ClaimKey(int ours, int baseline, String dataset) {}

        /** Whether the 95% interval of the mean difference excludes 0 (needs two or more seeds). */
        public boolean excludesZero() {
            MeanInterval i = interval();
            return i != null && i.excludesZero();
        }

        /**
         * "ours better", "baseline better", "no difference shown (CI contains 0)", "n=1: no
         * interval", "not run".
         */
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
}
