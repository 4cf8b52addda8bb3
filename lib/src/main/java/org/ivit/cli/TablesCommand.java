package org.ivit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ivit.Project;
import org.ivit.results.ResultTable;
import org.ivit.results.ResultTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ivit tables}: the result tables of a results folder's run records, printed and written. */
@Command(name = "tables", description = "Build Tables 1 and 2 of both profiles from a results folder's run records:"
        + " print them and write table{1,2}-{paper,quick}.{csv,md} there.")
final class TablesCommand implements Callable<Integer> {
    @Option(names = "--results-dir", paramLabel = "DIR", description = "run records in DIR/runs (default: $IVIT_RESULTS_DIR,"
            + " else <repo>/results)")
    Path resultsDir;
    @Option(names = "--profile", description = "print only this profile's tables (quick or paper); all four are written")
    String profile;

    @Override
    public Integer call() throws Exception {
        Path dir = resultsDir != null ? resultsDir : Project.resultsDir();
        if (!Files.isDirectory(dir.resolve("runs"))) {
            System.err.println("ivit tables: " + dir.resolve("runs") + " does not exist: no run records to tabulate");
            return 1;
        }
        List<ResultTable> tables = ResultTables.all(dir);
        for (ResultTable t : tables) {
            if (profile == null || t.profile().id().equals(profile)) {
                System.out.println(t.toMarkdown());
            }
        }
        for (ResultTable t : tables) {
            t.write(dir).forEach(f -> System.err.println("wrote " + Project.shown(f)));
        }
        return 0;
    }
}
