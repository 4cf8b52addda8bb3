package org.ivit.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything the results folder holds that comes from the runs: tables (CSV, Markdown) and figures. */
public final class ResultsReport {
    private ResultsReport() {}

    /** Rebuilds {@code resultsDir/table*.{csv,md}} and {@code resultsDir/figures/*.png} from {@code resultsDir/runs}. */
    public static List<Path> write(Path resultsDir) {
        List<ResultTable> tables = ResultTables.all(resultsDir);
        List<Path> written = new ArrayList<>();
        tables.forEach(t -> written.addAll(t.write(resultsDir)));
        written.addAll(new Figures(resultsDir.resolve("figures")).writeAll(tables));
        return written;
    }
}
