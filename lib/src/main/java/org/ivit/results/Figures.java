package org.ivit.results;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.ivit.Project;
import org.ivit.data.BenchmarkDataset;
import org.ivit.data.Datasets;
import org.ivit.results.Charts.Legend;
import org.ivit.results.ResultTable.RowResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Renders the result charts, saves each as a PNG in one folder (normally {@code results/figures/})
 * and returns it as a picture a notebook can {@code display(...)}.
 */
public final class Figures {
    private static final int COLUMNS = 2;

    private final Path dir;

    public Figures(Path dir) {
        this.dir = dir;
    }

    /** Figures saved to {@code <results>/figures}. */
    public static Figures inResults() {
        return new Figures(Project.resultsDir().resolve("figures"));
    }

    public Path dir() {
        return dir;
    }

    /**
     * Paper vs ours per dataset and trained row; saved as {@code
     * <table>-<profile>-paper-vs-ours.png}.
     */
    public BufferedImage paperVsOurs(ResultTable table) {
        BufferedImage image = grid(Charts.paperVsOurs(table));
        saveResults(table.fileStem() + "-paper-vs-ours", image, table, null);
        return image;
    }

    /**
     * Table 3: test top-1 against k with 95% error bars, a panel per dataset; saved as {@code
     * fewshot-<profile>-accuracy-vs-k.png}. Null when the table has no run yet.
     */
    public BufferedImage fewShot(FewShotTable table) {
        List<org.knowm.xchart.XYChart> panels = Charts.fewShot(table);
        if (panels.isEmpty()) {
            return null;
        }
        return save(table.fileStem() + "-accuracy-vs-k", grid(panels));
    }

    /** Table 2's prompt kinds against VPT; saved as {@code table2-<profile>-prompt-kinds.png}. */
    public BufferedImage promptKinds(ResultTable table2) {
        BufferedImage image = grid(Charts.promptKinds(table2));
        saveResults(table2.fileStem() + "-prompt-kinds", image, table2, null);
        return image;
    }

    /**
     * The paired differences of a profile's claims, with their 95% intervals as error bars; saved
     * as {@code paired-<profile>.png}.
     */
    public BufferedImage pairedDifferences(PairedDifferenceTable paired) {
        BufferedImage image = grid(List.of(Charts.pairedDifferences(paired)));
        savePaired(paired, image);
        return image;
    }

    // kept, like the tables' figures, when the figure on disk pairs more seeds
    private boolean savePaired(PairedDifferenceTable paired, BufferedImage image) {
        Path file = file(paired.fileStem());
        if (!FilledCells.mayReplace(file, FilledCells.inPng(file), paired.pairs())) {
            return false;
        }
        try {
            Files.createDirectories(dir);
            Files.write(file, FilledCells.pngWithCount(image, paired.pairs()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return true;
    }

    /** The paired-difference figure of each table pair; returns the files written. */
    public List<Path> writePaired(List<PairedDifferenceTable> pairedTables) {
        List<Path> written = new ArrayList<>();
        for (PairedDifferenceTable p : pairedTables) {
            if (savePaired(p, grid(List.of(Charts.pairedDifferences(p))))) {
                written.add(file(p.fileStem()));
            }
        }
        return written;
    }

    /**
     * Loss and validation top-1 per epoch of the runs that fill one dataset's cells of a table, one
     * line per row; saved as {@code <table>-<profile>-curves-<dataset>.png}.
     */
    public BufferedImage trainingCurves(ResultTable table, String datasetId) {
        BenchmarkDataset dataset = Datasets.byId(datasetId);
        Map<String, RunRecord> runs = new LinkedHashMap<>();
        for (RowResult row : table.rows()) {
            if (table.datasets().contains(dataset) && row.cell(dataset).isRun()) {
                runs.put(row.label(), row.cell(dataset).run());
            }
        }
        BufferedImage image = curves(runs);
        saveResults(table.fileStem() + "-curves-" + datasetId, image, table, dataset);
        return image;
    }

    /** Loss and validation top-1 per epoch of any runs; saved as {@code <name>.png}. */
    public BufferedImage trainingCurves(String name, List<RunRecord> runs) {
        Map<String, RunRecord> byLabel = new LinkedHashMap<>();
        runs.forEach(r -> byLabel.put(r.summary().shortLabel() + " " + r.summary().runId(), r));
        return save(name, curves(byLabel));
    }

    /** Every figure of these tables; returns the files written. */
    public List<Path> writeAll(List<ResultTable> tables) {
        List<Path> written = new ArrayList<>();
        for (ResultTable t : tables) {
            if (saveResults(
                    t.fileStem() + "-paper-vs-ours", grid(Charts.paperVsOurs(t)), t, null)) {
                written.add(file(t.fileStem() + "-paper-vs-ours"));
            }
            if (t.number() == 2
                    && saveResults(
                            t.fileStem() + "-prompt-kinds", grid(Charts.promptKinds(t)), t, null)) {
                written.add(file(t.fileStem() + "-prompt-kinds"));
            }
            for (BenchmarkDataset d : t.datasets()) {
                if (t.rows().stream()
                        .anyMatch(r -> r.cell(d).isRun() && r.cell(d).run().hasMetrics())) {
                    Map<String, RunRecord> runs = new LinkedHashMap<>();
                    t.rows().stream()
                            .filter(r -> r.cell(d).isRun())
                            .forEach(r -> runs.put(r.label(), r.cell(d).run()));
                    if (saveResults(t.fileStem() + "-curves-" + d.id(), curves(runs), t, d)) {
                        written.add(file(t.fileStem() + "-curves-" + d.id()));
                    }
                }
            }
        }
        return written;
    }

    /**
     * Saves a figure drawn from {@code table} (only {@code dataset}'s column when not null), with
     * its filled-cell count, unless the figure on disk holds more results: then it is kept, with a
     * message, and false is returned. See {@link FilledCells}.
     */
    private boolean saveResults(
            String name, BufferedImage image, ResultTable table, BenchmarkDataset dataset) {
        Path file = file(name);
        int fresh = dataset == null ? FilledCells.of(table) : FilledCells.of(table, dataset);
        OptionalInt onDisk = FilledCells.inPng(file);
        if (onDisk.isEmpty() && Files.isRegularFile(file) && dir.getParent() != null) {
            // A figure saved before figures carried their count: judge it by the table it was drawn
            // from.
            onDisk = FilledCells.inCsv(dir.getParent().resolve(table.fileStem() + ".csv"), dataset);
        }
        if (!FilledCells.mayReplace(file, onDisk, fresh)) {
            return false;
        }
        try {
            Files.createDirectories(dir);
            Files.write(file, FilledCells.pngWithCount(image, fresh));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return true;
    }

    /**
     * Writes {@code <name>.png} and hands the picture back, for pictures made elsewhere (e.g.
     * attention).
     */
    public BufferedImage save(String name, BufferedImage image) {
        Path file = file(name);
        try {
            Files.createDirectories(dir);
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return image;
    }

    public Path file(String name) {
        return dir.resolve(name + ".png");
    }

    private static BufferedImage curves(Map<String, RunRecord> runs) {
        var metrics = Charts.metricsByLabel(runs);
        return grid(List.of(Charts.lossCurves(metrics), Charts.accuracyCurves(metrics)));
    }

    /**
     * Panels in a grid of up to two columns, drawn by XChart's own multi-chart encoder, with one
     * legend for the whole figure below them: the panels' series share names and colours, so a
     * legend per panel would repeat itself, and a long one would be cut at the panel's edge.
     */
    static BufferedImage grid(List<? extends Chart<?, ?>> panels) {
        int columns = Math.min(COLUMNS, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        panels.forEach(p -> p.getStyler().setLegendVisible(false));
        BufferedImage charts;
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(panels, rows, columns, png, BitmapEncoder.BitmapFormat.PNG);
            charts = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the charts", e);
        }
        return Legend.below(charts, Legend.entries(panels));
    }
}
