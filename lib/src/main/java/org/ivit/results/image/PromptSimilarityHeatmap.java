package org.ivit.results.image;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** Class-to-class cosine similarity of a prompt bank's rows, as an XChart heat map. */
public final class PromptSimilarityHeatmap {
    private PromptSimilarityHeatmap() {}

    /** Cosine similarity of every pair of rows. */
    public static double[][] cosine(float[][] rows) {
        int n = rows.length;
        double[][] out = new double[n][n];
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            for (float v : rows[i]) {
                norms[i] += v * v;
            }
            norms[i] = Math.sqrt(norms[i]);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int d = 0; d < rows[i].length; d++) {
                    dot += rows[i][d] * rows[j][d];
                }
                out[i][j] = dot / Math.max(1e-12, norms[i] * norms[j]);
            }
        }
        return out;
    }

    public static HeatMapChart chart(float[][] rows, List<String> classes, String title) {
        double[][] sim = cosine(rows);
        HeatMapChart chart = new HeatMapChartBuilder().width(620).height(560).title(title).build();
        chart.getStyler().setShowValue(rows.length <= 12);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler()
                .setRangeColors(
                        new Color[] {
                            new Color(0x2c7bb6), new Color(0xffffbf), new Color(0xd7191c)
                        });
        chart.getStyler().setLegendVisible(true);
        // XChart leaves out category labels closer than its default spacing (74 px): with ten
        // classes
        // every other row and column went unnamed. Label every cell; tilt the column names to fit.
        chart.getStyler().setXAxisTickMarkSpacingHint(8);
        chart.getStyler().setYAxisTickMarkSpacingHint(8);
        chart.getStyler().setXAxisLabelRotation(45);
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < sim.length; i++) {
            for (int j = 0; j < sim.length; j++) {
                cells.add(new Number[] {i, j, Math.round(sim[i][j] * 100) / 100.0});
            }
        }
        chart.addSeries("cosine", classes, classes, cells);
        return chart;
    }

    public static BufferedImage image(float[][] rows, List<String> classes, String title) {
        return BitmapEncoder.getBufferedImage(chart(rows, classes, title));
    }
}
