package org.ivit.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ivit.Project;
import org.ivit.train.Profiles;
import org.ivit.train.Reproduction;
import org.ivit.train.ReproductionReport;
import org.ivit.train.RunPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ivit reproduce}: every run of the chosen tables (1, 2 and 3, few-shot) for a profile, skipping complete ones. Ends
 * with a summary of what was trained, what was complete and what was skipped, and why. Exit 0 when
 * at least one run was trained or complete, {@value #NOTHING_RAN} when every dataset was skipped.
 */
@Command(name = "reproduce", description = "Run every run of the chosen tables, skipping those already complete.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:at least one run was trained or was complete; skipped datasets are listed in the summary",
            "1:a run failed", "2:usage error",
            "3:nothing could run: every dataset lacks its prepared data or weights (the summary names the commands)"})
final class ReproduceCommand implements Callable<Integer> {
    /** Exit status when every dataset was skipped. */
    static final int NOTHING_RAN = 3;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--profile", defaultValue = "quick", description = "quick or paper")
    String profile;
    @Option(names = "--tables", defaultValue = "1,2", split = ",",
            description = "any of 1, 2, 3 (few-shot: the preset's methods x k), comma-separated; default 1,2")
    List<Integer> tables;
    @Option(names = "--datasets", split = ",", completionCandidates = RegisteredIds.DatasetIds.class,
            description = "any of: ${COMPLETION-CANDIDATES}; default: the profile's datasets")
    List<String> datasets;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "prepared datasets (default: $IVIT_DATA_DIR, else <repo>/data)")
    Path dataDir;
    @Option(names = "--weights-dir", paramLabel = "DIR", description = "pretrained weights (default: $IVIT_WEIGHTS_DIR, else <repo>/weights)")
    Path weightsDir;
    @Option(names = "--plan", description = "print the planned runs, one JSON line each (run_id, table, dataset, method,"
            + " backbone, prompt, mode, seed), in a stable order, and train nothing; the count goes to stderr")
    boolean plan;
    @Option(names = "--results-dir", paramLabel = "DIR", description = "run records (default: $IVIT_RESULTS_DIR, else <repo>/results)")
    Path resultsDir;

    @Override
    public Integer call() throws Exception {
        for (int table : tables) {
            if (table < 1 || table > 3) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--tables: " + table + " is not a table (1 full fine-tuning, 2 prompt tuning, 3 few-shot)");
            }
        }
        List<String> chosen = datasets != null ? datasets : Profiles.defaultDatasets(profile);
        if (plan) {
            List<String> lines = RunPlan.lines(Profiles.reproduce(profile, tables, chosen));
            lines.forEach(System.out::println);
            System.out.flush();
            System.err.println("ivit reproduce --plan: " + lines.size() + " run(s) planned for profile " + profile
                    + ", tables " + tables + ", datasets " + chosen);
            return 0;
        }
        long start = System.nanoTime();
        ReproductionReport report = Reproduction.of(profile)
                .withDirectories(dataDir != null ? dataDir : Project.dataDir(), weightsDir != null ? weightsDir : Project.weightsDir(),
                        resultsDir != null ? resultsDir : Project.resultsDir())
                .reproduceAll(tables, chosen);
        System.out.printf("reproduce --profile %s: %.0f s%n", profile, (System.nanoTime() - start) / 1e9);
        report.summaryLines().forEach(System.out::println);
        System.out.flush();
        if (report.nothingRan()) {
            System.err.println("ivit reproduce: nothing could run (exit " + NOTHING_RAN + "); see the summary above");
            return NOTHING_RAN;
        }
        return 0;
    }
}
