package org.ivit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ivit.Project;
import org.ivit.results.ResultTable;
import org.ivit.results.ResultTables;
import org.ivit.results.ResultsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ivit report}: rebuilds the result tables (CSV, Markdown) and figures from the run records,
 * what notebook 04 does at its end, for a machine without Jupyter (e.g. a Slurm collection job).
 */
@Command(
        name = "report",
        description =
                "Write the tables (table{1,2}-{paper,quick}.{csv,md}), the paired differences"
                        + " (paired-<profile>.{csv,md}), the few-shot tables where few-shot runs exist (fewshot-<profile>.{csv,md}) and the"
                        + " figures of a results folder from its runs/.")
final class ReportCommand implements Callable<Integer> {
    @Option(
            names = "--results-dir",
            paramLabel = "DIR",
            description = "the results folder (default: $IVIT_RESULTS_DIR, else <repo>/results)")
    Path resultsDir;

    @Option(
            names = "--print",
            paramLabel = "PROFILE",
            description = "also print that profile's tables (quick or paper) as Markdown")
    String print;

    @Override
    public Integer call() {
        Path dir = resultsDir != null ? resultsDir : Project.resultsDir();
        if (!Files.isDirectory(dir.resolve("runs"))) {
            System.err.println(
                    "ivit report: "
                            + dir.resolve("runs")
                            + " does not exist: no run records to report");
            return 1;
        }
        List<ResultTable> tables = ResultTables.all(dir);
        if (print != null) {
            tables.stream()
                    .filter(t -> t.profile().id().equals(print))
                    .forEach(t -> System.out.println(t.toMarkdown()));
        }
        List<Path> written = ResultsReport.write(dir, tables);
        written.forEach(p -> System.out.println("wrote " + p));
        System.out.println(
                "ivit report: "
                        + written.size()
                        + " table and figure files from "
                        + dir.resolve("runs"));
        return 0;
    }
}
