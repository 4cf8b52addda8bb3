package org.ivit.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ivit.Project;
import org.ivit.results.ResultsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ivit report}: rebuilds the result tables (CSV, Markdown) and figures from the run records,
 * what notebook 04 does at its end, for a machine without Jupyter (e.g. a Slurm collection job).
 */
@Command(name = "report", description = "Write the tables (table{1,2}-{paper,quick}.{csv,md}) and figures of a results folder"
        + " from its runs/.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--results-dir", paramLabel = "DIR", description = "the results folder (default: $IVIT_RESULTS_DIR, else <repo>/results)")
    Path resultsDir;

    @Override
    public Integer call() {
        Path dir = resultsDir != null ? resultsDir : Project.resultsDir();
        List<Path> written = ResultsReport.write(dir);
        written.forEach(p -> System.out.println("wrote " + p));
        System.out.println("ivit report: " + written.size() + " table and figure files from " + dir.resolve("runs"));
        return 0;
    }
}
