package org.ivit.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ivit.Project;
import org.ivit.runs.RunComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ivit compare-runs}: fresh run records (e.g. from run-tests' notebooks) against the
 * committed ones, run id by run id; prints a table of differences.
 */
@Command(
        name = "compare-runs",
        description = {
            "Compare the test and validation accuracies of every finished run of a profile in a results folder (default: the"
                    + " committed results/) with the same runs in another one (the same run id, else the same spec: a fresh run made under a newer spec version has a new id), value by value, and print a table of differences.",
            "On the CPU type that made the committed records (AMD EPYC with AVX-512) the values are identical to the last digit;"
                    + " on another (AVX2) they move by up to about 0.4 points (results/README.md), so only a missing run or a difference above"
                    + " --tolerance fails."
        },
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {
            "0:every run is there and within the tolerance (the last line says whether all are identical)",
            "1:a run is missing, or a value differs by more than the tolerance",
            "2:usage error"
        })
final class CompareRunsCommand implements Callable<Integer> {
    /**
     * Points of top-1: about four times the largest spread measured between AVX-512 and AVX2 for
     * one commit (0.39, Instruction-ViT mix), and below what a real defect costs (a point or more).
     */
    static final String DEFAULT_TOLERANCE = "1.5";

    @Option(
            names = "--committed",
            paramLabel = "DIR",
            description = "the reference results (default: <repo>/results)")
    Path committed;

    @Option(
            names = "--fresh",
            paramLabel = "DIR",
            required = true,
            description = "the results folder to check, e.g. a run-tests IVIT_RESULTS_DIR")
    Path fresh;

    @Option(
            names = "--folders",
            split = ",",
            defaultValue = "runs,ablations",
            description = "record folders to compare (default: ${DEFAULT-VALUE})")
    List<String> folders;

    @Option(
            names = "--profile",
            defaultValue = "quick",
            description = "only runs of this profile (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(
            names = "--tolerance",
            defaultValue = DEFAULT_TOLERANCE,
            description =
                    "largest allowed |difference| in points"
                            + " (default: ${DEFAULT-VALUE}, about four times the spread measured across CPU types)")
    double tolerance;

    @Override
    public Integer call() throws Exception {
        Path reference = committed != null ? committed : Project.root().resolve("results");
        RunComparison comparison = RunComparison.of(reference, fresh, folders, profile, tolerance);
        System.out.println(
                "compare-runs: " + Project.shown(fresh) + " against " + Project.shown(reference));
        comparison.lines().forEach(System.out::println);
        return comparison.passes() ? 0 : 1;
    }
}
