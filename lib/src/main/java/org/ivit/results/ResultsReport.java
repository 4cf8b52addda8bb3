package org.ivit.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ivit.results.ResultTables.TableProfile;

/**
 * Everything the results folder holds that comes from the runs: tables (CSV, Markdown), the paired
 * differences of each profile's claims ({@code paired-<profile>.{csv,md}}) and figures.
 */
public final class ResultsReport {
    private ResultsReport() {}

    /**
     * Rebuilds {@code resultsDir/table*.{csv,md}}, {@code fewshot-<profile>.{csv,md}} (where
     * few-shot runs exist) and {@code resultsDir/figures/*.png} from {@code resultsDir/runs}.
     */
    public static List<Path> write(Path resultsDir) {
        return write(resultsDir, ResultTables.all(resultsDir));
    }

    /**
     * As {@link #write(Path)}, from tables already built from {@code resultsDir/runs} ({@link
     * ResultTables#all}).
     */
    public static List<Path> write(Path resultsDir, List<ResultTable> tables) {
        List<Path> written = new ArrayList<>();
        tables.forEach(t -> written.addAll(t.write(resultsDir)));
        Figures figures = new Figures(resultsDir.resolve("figures"));
        written.addAll(figures.writeAll(tables));
        List<PairedDifferenceTable> paired = new ArrayList<>();
        for (TableProfile profile : List.of(TableProfile.PAPER, TableProfile.QUICK)) {
            paired.add(
                    PairedDifferenceTable.of(
                            tables.stream()
                                    .filter(t -> t.profile() == profile)
                                    .toArray(ResultTable[]::new)));
        }
        paired.forEach(p -> written.addAll(p.write(resultsDir)));
        written.addAll(figures.writePaired(paired));
        for (TableProfile profile : List.of(TableProfile.PAPER, TableProfile.QUICK)) {
            // Table 3 only where few-shot runs exist, so a checkout without them gains no empty
            // files
            FewShotTable fewShot = FewShotTable.of(resultsDir, profile.id(), List.of());
            if (!fewShot.datasets().isEmpty()) {
                written.addAll(fewShot.write(resultsDir));
                written.add(figures.file(fewShot.fileStem() + "-accuracy-vs-k"));
                figures.fewShot(fewShot);
            }
        }
        return written;
    }
}
