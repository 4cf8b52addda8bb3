package org.ivit.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ivit.Project;
import org.ivit.runs.Reproduction;
import org.ivit.runs.ReproductionReport;
import org.ivit.spec.Profiles;
import org.ivit.spec.RunPlan;
import org.ivit.spec.SeedList;
import org.ivit.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ivit reproduce}: every run of the chosen tables (1, 2 and 3, few-shot) for a profile,
 * skipping complete ones. Ends with a summary of what was trained, what was complete and what was
 * skipped, and why. Exit 0 when at least one run was trained or complete, {@value #NOTHING_RAN}
 * when every dataset was skipped.
 */
@Command(
        name = "reproduce",
        description = "Run every run of the chosen tables, skipping those already complete.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {
            "0:at least one run was trained or was complete; skipped datasets are listed in the summary",
            "1:a run failed",
            "2:usage error",
            "3:nothing could run: every dataset lacks its prepared data or weights (the summary names the commands)"
        })
final class ReproduceCommand implements Callable<Integer> {
    /** Exit status when every dataset was skipped. */
    static final int NOTHING_RAN = 3;

    @Option(names = "--profile", defaultValue = "quick", description = "quick or paper")
    String profile;

    @Option(
            names = "--tables",
            defaultValue = "1,2",
            split = ",",
            description =
                    "any of 1, 2, 3 (few-shot: the preset's methods x k), comma-separated; default 1,2")
    List<Integer> tables;

    @Option(
            names = "--datasets",
            split = ",",
            completionCandidates = RegisteredIds.DatasetIds.class,
            description = "any of: ${COMPLETION-CANDIDATES}; default: the profile's datasets")
    List<String> datasets;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "prepared datasets (default: $IVIT_DATA_DIR, else <repo>/data)")
    Path dataDir;

    @Option(
            names = "--weights-dir",
            paramLabel = "DIR",
            description = "pretrained weights (default: $IVIT_WEIGHTS_DIR, else <repo>/weights)")
    Path weightsDir;

    @Option(
            names = "--plan",
            description =
                    "print the planned runs, one JSON line each (run_id, table, dataset, method,"
                            + " backbone, prompt, mode, seed, profile and the resolved spec), in a stable order, and train nothing; the count goes to stderr")
    boolean plan;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "override a config key in every run, as train --set"
                            + " (e.g. --set trainLimit=1024 for a cheaper sweep); the run ids change with it")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Spec CommandSpec spec;

    @Option(
            names = "--results-dir",
            paramLabel = "DIR",
            description = "run records (default: $IVIT_RESULTS_DIR, else <repo>/results)")
    Path resultsDir;

    @Option(
            names = "--seeds",
            paramLabel = "N|S1,S2,...",
            description =
                    "seeds per table cell, each its own run: a count"
                            + " (the first N of the profile's seeds, 3 by default: 1234, 1235, 1236) or a list with commas (7, for one seed)")
    String seedsText;

    @Override
    public Integer call() throws Exception {
        for (int table : tables) {
            if (table < 1 || table > 3) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(),
                        "--tables: "
                                + table
                                + " is not a table (1 full fine-tuning, 2 prompt tuning, 3 few-shot)");
            }
        }
        List<String> chosen = datasets != null ? datasets : Profiles.defaultDatasets(profile);
        SeedList seeds;
        try {
            seeds =
                    seedsText == null
                            ? Profiles.seeds(profile)
                            : SeedList.parse(seedsText, Profiles.seeds(profile));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, seedsText);
        }
        if (plan) {
            List<String> lines;
            try {
                org.ivit.train.RunIds recorded =
                        Reproduction.of(profile)
                                .withDirectories(
                                        dataDir != null ? dataDir : Project.dataDir(),
                                        weightsDir != null ? weightsDir : Project.weightsDir(),
                                        resultsDir != null ? resultsDir : Project.resultsDir())
                                .runIds();
                lines =
                        RunPlan.lines(
                                Profiles.reproduce(profile, tables, chosen, seeds, overrides),
                                recorded::idFor);
            } catch (SpecException e) {
                throw new ParameterException(
                        spec.commandLine(), e.getMessage(), e, null, e.field());
            }
            lines.forEach(System.out::println);
            System.out.flush();
            int cells = lines.size() / Math.max(1, seeds.size() * chosen.size());
            System.err.println(
                    "ivit reproduce --plan: "
                            + lines.size()
                            + " run(s) planned = "
                            + seeds.size()
                            + " seed(s) "
                            + seeds
                            + " x "
                            + cells
                            + " cell(s) of tables "
                            + tables
                            + " x "
                            + chosen.size()
                            + " dataset(s) "
                            + chosen
                            + ", profile "
                            + profile);
            return 0;
        }
        long start = System.nanoTime();
        try {
            Profiles.reproduce(
                    profile, tables, chosen, seeds,
                    overrides); // every key checked before anything trains
        } catch (SpecException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, e.field());
        }
        ReproductionReport report =
                Reproduction.of(profile)
                        .withOverrides(overrides)
                        .withDirectories(
                                dataDir != null ? dataDir : Project.dataDir(),
                                weightsDir != null ? weightsDir : Project.weightsDir(),
                                resultsDir != null ? resultsDir : Project.resultsDir())
                        .withSeeds(seeds)
                        .reproduceAll(tables, chosen);
        System.out.printf(
                "reproduce --profile %s: %.0f s%n", profile, (System.nanoTime() - start) / 1e9);
        report.summaryLines().forEach(System.out::println);
        System.out.flush();
        if (report.nothingRan()) {
            System.err.println(
                    "ivit reproduce: nothing could run (exit "
                            + NOTHING_RAN
                            + "); see the summary above");
            return NOTHING_RAN;
        }
        return 0;
    }
}
