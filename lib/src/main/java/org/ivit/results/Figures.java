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
import javax.imageio.ImageIO;
import org.ivit.Project;
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

    /** Paper vs ours per dataset and trained row; saved as {@code <table>-<profile>-paper-vs-ours.png}. */
    public BufferedImage paperVsOurs(ResultTable table) {
        return save(table.fileStem() + "-paper-vs-ours", grid(Charts.paperVsOurs(table)));
    }

    /** Table 2's prompt kinds against VPT; saved as {@code table2-<profile>-prompt-kinds.png}. */
    public BufferedImage promptKinds(ResultTable table2) {
        return save(table2.fileStem() + "-prompt-kinds", grid(Charts.promptKinds(table2)));
    }

    /**
     * Loss and validation top-1 per epoch of the runs that fill one dataset's cells of a table, one
     * line per row; saved as {@code <table>-<profile>-curves-<dataset>.png}.
     */
    public BufferedImage trainingCurves(ResultTable table, String datasetId) {
        BenchmarkDataset dataset = BenchmarkDataset.fromId(datasetId);
        Map<String, RunRecord> runs = new LinkedHashMap<>();
        for (RowResult row : table.rows()) {
            if (table.datasets().contains(dataset) && row.cell(dataset).isRun()) {
                runs.put(row.label(), row.cell(dataset).run());
            }
        }
        return curves(table.fileStem() + "-curves-" + datasetId, runs);
    }

    /** Loss and validation top-1 per epoch of any runs; saved as {@code <name>.png}. */
    public BufferedImage trainingCurves(String name, List<RunRecord> runs) {
        Map<String, RunRecord> byLabel = new LinkedHashMap<>();
        runs.forEach(r -> byLabel.put(r.summary().shortLabel() + " " + r.summary().runId(), r));
        return curves(name, byLabel);
    }

    /** Every figure of these tables; returns the files written. */
    public List<Path> writeAll(List<ResultTable> tables) {
        List<Path> written = new ArrayList<>();
        for (ResultTable t : tables) {
            paperVsOurs(t);
            written.add(file(t.fileStem() + "-paper-vs-ours"));
            if (t.number() == 2) {
                promptKinds(t);
                written.add(file(t.fileStem() + "-prompt-kinds"));
            }
            for (BenchmarkDataset d : t.datasets()) {
                if (t.rows().stream().anyMatch(r -> r.cell(d).isRun() && r.cell(d).run().hasMetrics())) {
                    trainingCurves(t, d.id());
                    written.add(file(t.fileStem() + "-curves-" + d.id()));
                }
            }
        }
        return written;
    }

    /** Writes {@code <name>.png} and hands the picture back, for pictures made elsewhere (e.g. attention). */
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

    private BufferedImage curves(String name, Map<String, RunRecord> runs) {
        var metrics = Charts.metricsByLabel(runs);
        return save(name, grid(List.of(Charts.lossCurves(metrics), Charts.accuracyCurves(metrics))));
    }

    /** Panels in a grid of up to two columns, drawn by XChart's own multi-chart encoder. */
    static BufferedImage grid(List<? extends Chart<?, ?>> panels) {
        int columns = Math.min(COLUMNS, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(panels, rows, columns, png, BitmapEncoder.BitmapFormat.PNG);
            return ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the charts", e);
        }
    }
}
