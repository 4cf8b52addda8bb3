package org.ivit.notebook;

import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.ivit.runs.Reproduction;
import org.ivit.spec.FewShotPlan;
import org.ivit.spec.Profiles;
import org.ivit.train.FewShotSubset;
import org.ivit.train.RunSummary;

/**
 * What the training notebooks (02, 03, 05) share: one table of one profile, the datasets it runs
 * on, whether each is prepared, the training of its runs (complete runs are read back, not
 * retrained) and a one-line summary of each run, as typed values rather than run-record JSON.
 */
public final class QuickSession {
    /** Whether a dataset is prepared, and if not the command that prepares it. */
    public record Readiness(String dataset, boolean prepared, String prepareCommand) {
        @Override
        public String toString() {
            return dataset
                    + (prepared ? ": prepared" : ": NOT prepared, skipped; run: " + prepareCommand);
        }
    }

    /**
     * One run as its summary.json gives it; {@code shots}, {@code seed}, {@code trainSplit} only
     * for few-shot runs.
     */
    public record RunLine(
            String runId,
            double testTop1,
            double wallSeconds,
            Integer shots,
            Integer seed,
            String trainSplit) {
        static RunLine of(RunSummary s) {
            FewShotSubset f = s.metrics().fewShot();
            return new RunLine(
                    s.runId(),
                    s.metrics().testTop1(),
                    s.metrics().wallSeconds(),
                    f == null ? null : f.shots(),
                    f == null ? null : f.seed(),
                    f == null ? null : f.trainSplit());
        }

        @Override
        public String toString() {
            return shots == null
                    ? String.format(
                            Locale.ROOT,
                            "%-55s test top-1 %6.2f%%  (%.1f s)",
                            runId,
                            testTop1,
                            wallSeconds)
                    : String.format(
                            Locale.ROOT,
                            "%-62s k=%-2d seed %d  test top-1 %6.2f%%  (%.1f s)  %s",
                            runId,
                            shots,
                            seed,
                            testTop1,
                            wallSeconds,
                            trainSplit);
        }
    }

    /** The runs of one training call and how long it took. */
    public record Trained(List<RunLine> runs, double seconds) {
        /** The count and time, then one line per run (what the notebooks print). */
        public List<String> lines() {
            List<String> out = new java.util.ArrayList<>();
            out.add(String.format(Locale.ROOT, "%d runs, %.0f s", runs.size(), seconds));
            runs.forEach(r -> out.add(r.toString()));
            return out;
        }

        @Override
        public String toString() {
            return String.join("\n", lines());
        }
    }

    private final String profile;
    private final int table;
    private final List<String> datasets;
    private final Reproduction reproduction;

    private QuickSession(
            String profile, int table, List<String> datasets, Reproduction reproduction) {
        this.profile = profile;
        this.table = table;
        this.datasets = datasets;
        this.reproduction = reproduction;
    }

    /**
     * Table 1, 2 or 3 (few-shot) of a profile, on the profile's default datasets (those its
     * few-shot plan covers for Table 3).
     */
    public static QuickSession of(String profile, int table) {
        List<String> datasets = Profiles.defaultDatasets(profile);
        if (table == FewShotPlan.TABLE) {
            FewShotPlan plan = FewShotPlan.of(profile);
            datasets = datasets.stream().filter(plan::covers).toList();
        } else if (table != 1 && table != 2) {
            throw new IllegalArgumentException(
                    "table "
                            + table
                            + ": the notebooks train tables 1, 2 and "
                            + FewShotPlan.TABLE);
        }
        return new QuickSession(profile, table, datasets, Reproduction.of(profile).quiet());
    }

    /** The same session on other datasets (e.g. List.of("oxford_pets")). */
    public QuickSession on(List<String> otherDatasets) {
        return new QuickSession(profile, table, List.copyOf(otherDatasets), reproduction);
    }

    public String profile() {
        return profile;
    }

    public int table() {
        return table;
    }

    public List<String> datasets() {
        return datasets;
    }

    public Reproduction reproduction() {
        return reproduction;
    }

    /** Each dataset, prepared or not. */
    public List<Readiness> readiness() {
        return datasets.stream()
                .map(
                        d ->
                                new Readiness(
                                        d,
                                        reproduction.isPrepared(d),
                                        reproduction.prepareCommand(d)))
                .toList();
    }

    /** The prepared datasets, those that train and get figures. */
    public List<String> prepared() {
        return datasets.stream().filter(reproduction::isPrepared).toList();
    }

    /**
     * Trains every run of the table on the datasets (a complete run is read back), seed by seed.
     */
    public Trained train() throws IOException, TranslateException {
        long start = System.nanoTime();
        List<RunSummary> summaries = reproduction.reproduce(List.of(table), datasets);
        return new Trained(
                summaries.stream().map(RunLine::of).toList(), (System.nanoTime() - start) / 1e9);
    }
}
