package org.ivit.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the results folder holds that comes from the runs: tables (CSV, Markdown), the paired
 * differences of each profile's claims ({@code paired-<profile>.{csv,md}}) and figures.
 */
public final class ResultsReport {
    private ResultsReport() {}

    /** Rebuilds {@code resultsDir/table*.{csv,md}} and {@code resultsDir/figures/*.png} from {@code resultsDir/runs}. */
    public static List<Path> write(Path resultsDir) {
        List<ResultTable> tables = ResultTables.all(resultsDir);
        List<Path> written = new ArrayList<>();
        tables.forEach(t -> written.addAll(t.write(resultsDir)));
        Figures figures = new Figures(resultsDir.resolve("figures"));
        written.addAll(figures.writeAll(tables));
        List<PairedDifferenceTable> paired = new ArrayList<>();
        for (TableProfile profile : List.of(TableProfile.PAPER, TableProfile.QUICK)) {
            paired.add(PairedDifferenceTable.of(tables.stream().filter(t -> t.profile() == profile).toArray(ResultTable[]::new)));
        }
        paired.forEach(p -> written.addAll(p.write(resultsDir)));
        written.addAll(figures.writePaired(paired));
        return written;
    }
}
