package org.ivit.results;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ivit.data.BenchmarkDataset;
import org.ivit.results.PairedDifferenceTable.PairedDifference;
import org.ivit.results.ResultTable.CellResult;
import org.ivit.results.ResultTable.RowResult;
import org.ivit.results.ResultTables.ReproducedRow;
import org.ivit.results.RunRecord.TrainingMetrics;
import org.ivit.results.image.TextFit;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The XChart charts of the results, unrendered; {@link Figures} turns them into pictures and files.
 * Bars start at 0 % so that a small difference looks small.
 */
public final class Charts {
    static final int PANEL_WIDTH = 450;
    static final int PANEL_HEIGHT = 320;
    private static final Color PAPER = new Color(0x9E9E9E);
    private static final Color OURS = new Color(0x1F77B4);

    /**
     * One colour per series (a row's training curve, a claim of the paired differences): ten
     * distinct ones, more than the eight claims of a profile with both recipes.
     */
    private static final Color[] SERIES = {
        new Color(0x1F77B4),
        new Color(0xFF7F0E),
        new Color(0x2CA02C),
        new Color(0xD62728),
        new Color(0x9467BD),
        new Color(0x8C564B),
        new Color(0xE377C2),
        new Color(0x7F7F7F),
        new Color(0xBCBD22),
        new Color(0x17BECF)
    };

    private static final Color[] PROMPT_KINDS = {
        new Color(0x9E9E9E),
        new Color(0x1F77B4),
        new Color(0xFF7F0E),
        new Color(0x2CA02C),
        new Color(0xAEC7E8),
        new Color(0xFFBB78),
        new Color(0x98DF8A)
    }; // the authors' rows: lighter twins of text, image, mix

    private Charts() {}

    /**
     * Table 3: one panel per dataset, test top-1 against k (log scale), one line per row with runs,
     * error bars the 95% interval over seeds (none where n = 1).
     */
    public static List<XYChart> fewShot(FewShotTable table) {
        List<XYChart> panels = new ArrayList<>();
        for (String dataset : table.datasets()) {
            String label = FewShotTable.label(dataset);
            XYChart chart =
                    new XYChartBuilder()
                            .width(PANEL_WIDTH)
                            .height(PANEL_HEIGHT)
                            .title(label + ": few-shot (" + table.profile() + ")")
                            .xAxisTitle("k (training images per class)")
                            .yAxisTitle("test top-1 %")
                            .build();
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setErrorBarsColorSeriesColor(true);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
            int colour = 0;
            for (FewShotTable.Row row : table.rowsWithRuns(dataset)) {
                List<Integer> ks = new ArrayList<>();
                List<Double> means = new ArrayList<>();
                List<Double> errors = new ArrayList<>();
                for (int k : table.shots()) {
                    FewShotTable.Cell c = table.cell(dataset, row, k);
                    if (c != null) {
                        ks.add(k);
                        means.add(c.result().mean());
                        errors.add(c.result().hasInterval() ? c.result().halfWidth() : 0.0);
                    }
                }
                XYSeries s = chart.addSeries(row.label(), ks, means, errors);
                s.setLineColor(SERIES[colour % SERIES.length]);
                s.setMarkerColor(SERIES[colour % SERIES.length]);
                s.setMarker(SeriesMarkers.CIRCLE);
                colour++;
            }
            panels.add(chart);
        }
        return panels;
    }

    /**
     * One panel per dataset; in each, the paper's and our top-1 for every row we train. A row we
     * have not run keeps its paper bar, and the panel's axis title lists it as "not run".
     */
    public static List<CategoryChart> paperVsOurs(ResultTable table) {
        boolean comparable = table.profile().comparableToPaper();
        List<RowResult> trained = table.rows().stream().filter(RowResult::reproduced).toList();
        List<CategoryChart> panels = new ArrayList<>();
        for (BenchmarkDataset d : table.datasets()) {
            CategoryChart chart =
                    barChart(d.label() + (comparable ? "" : " (quick profile, not comparable)"));
            List<String> categories = trained.stream().map(Charts::shortLabel).toList();
            List<String> notRun =
                    trained.stream()
                            .filter(r -> !r.cell(d).isRun())
                            .map(Charts::shortLabel)
                            .toList();
            chart.setXAxisTitle(notRunTitle("not run: ", notRun, trained.size(), chart));
            if (trained.size() > 4) {
                // Table 1's twelve rows do not fit side by side: every label, upright
                chart.getStyler().setXAxisLabelRotation(90).setXAxisTickMarkSpacingHint(8);
            }
            if (comparable) {
                chart.addSeries(
                                "paper",
                                categories,
                                trained.stream().map(r -> r.cell(d).paper()).toList())
                        .setFillColor(PAPER);
            }
            chart.addSeries(
                            "ours",
                            categories,
                            trained.stream().map(r -> r.cell(d).ours()).toList(),
                            errorBars(trained.stream().map(r -> r.cell(d)).toList()))
                    .setFillColor(OURS);
            panels.add(chart);
        }
        return panels;
    }

    /**
     * Table 2's prompt kinds (text, image, mix) against VPT, per dataset: a panel of the paper's
     * numbers (when comparable) and a panel of ours.
     */
    public static List<CategoryChart> promptKinds(ResultTable table2) {
        if (table2.number() != 2) {
            throw new IllegalArgumentException(
                    "prompt kinds are Table 2's rows; got Table " + table2.number());
        }
        List<CategoryChart> panels = new ArrayList<>();
        List<String> categories = table2.datasets().stream().map(BenchmarkDataset::label).toList();
        List<RowResult> rows = table2.rows().stream().filter(RowResult::reproduced).toList();
        if (table2.profile().comparableToPaper()) {
            CategoryChart paper = barChart("paper");
            for (int i = 0; i < rows.size(); i++) {
                RowResult r = rows.get(i);
                paper.addSeries(
                                shortLabel(r),
                                categories,
                                table2.datasets().stream().map(d -> r.cell(d).paper()).toList())
                        .setFillColor(PROMPT_KINDS[i % PROMPT_KINDS.length]);
            }
            panels.add(paper);
        }
        CategoryChart ours =
                barChart(
                        table2.profile().comparableToPaper()
                                ? "ours"
                                : "ours (quick profile, not comparable)");
        for (int i = 0; i < rows.size(); i++) {
            RowResult r = rows.get(i);
            ours.addSeries(
                            shortLabel(r),
                            categories,
                            table2.datasets().stream().map(d -> r.cell(d).ours()).toList(),
                            errorBars(table2.datasets().stream().map(r::cell).toList()))
                    .setFillColor(PROMPT_KINDS[i % PROMPT_KINDS.length]);
        }
        List<String> notRun =
                rows.stream().filter(r -> r.cellsRun() == 0).map(Charts::shortLabel).toList();
        ours.setXAxisTitle(notRunTitle("not run on any dataset: ", notRun, rows.size(), ours));
        panels.add(ours);
        return panels;
    }

    /**
     * The paper's claims on our runs: per claim a bar of the mean paired difference (ours −
     * baseline, points) for each dataset, with its 95% interval as error bars. The axis is the
     * data's own (differences are small and may be negative); 0 is drawn as the axis line.
     */
    public static CategoryChart pairedDifferences(PairedDifferenceTable paired) {
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(PANEL_WIDTH)
                        .height(PANEL_HEIGHT)
                        .title(
                                "ours − baseline, mean ± 95% CI ("
                                        + paired.rows().stream()
                                                .map(PairedDifference::profile)
                                                .findFirst()
                                                .orElse("no")
                                        + " profile)")
                        .yAxisTitle("points of test top-1")
                        .build();
        style(chart.getStyler());
        chart.getStyler().setYAxisDecimalPattern("0.##");
        chart.getStyler().setErrorBarsColor(Color.BLACK);
        chart.getStyler().setOverlapped(false);
        List<String> datasets =
                paired.rows().stream().map(r -> r.dataset().label()).distinct().toList();
        List<String> claims = paired.rows().stream().map(Charts::shortClaim).distinct().toList();
        int drawn = 0;
        for (int i = 0; i < claims.size(); i++) {
            String claim = claims.get(i);
            List<Double> means = new ArrayList<>();
            List<Double> bars = new ArrayList<>();
            for (String d : datasets) {
                PairedDifference p =
                        paired.rows().stream()
                                .filter(
                                        r ->
                                                shortClaim(r).equals(claim)
                                                        && r.dataset().label().equals(d))
                                .findFirst()
                                .orElse(null);
                MeanInterval mi = p == null ? null : p.interval();
                means.add(mi == null ? 0.0 : mi.mean());
                bars.add(mi == null || !mi.hasInterval() ? 0.0 : mi.halfWidth());
                drawn += mi == null ? 0 : 1;
            }
            chart.addSeries(claim, datasets, means, bars).setFillColor(SERIES[i % SERIES.length]);
        }
        if (claims.isEmpty()) {
            chart.addSeries("none", List.of("-"), List.of(0.0));
        }
        if (drawn == 0) {
            chart.setTitle(chart.getTitle() + ": not run");
        }
        return chart;
    }

    // "Ours text vs VPT": short enough for a legend under a 450-pixel panel
    private static String shortClaim(PairedDifference p) {
        String ours =
                p.ours()
                        .replace("Ours (ViT-B)", "Ours")
                        .replace("Ours (ViT-tiny)", "Ours")
                        .replace(", ", " ");
        String base =
                p.baseline()
                        .replace(" (VPT)", "")
                        .replace("ViT-B", "ViT")
                        .replace("ViT-tiny", "ViT");
        return "T"
                + p.table()
                + ": "
                + ours
                + " vs "
                + (p.baseline().contains("VPT") ? "VPT" : base);
    }

    /**
     * Half-widths of the cells' 95% intervals as error bars; 0 where there is none (not run, or one
     * seed).
     */
    static List<Double> errorBars(List<CellResult> cells) {
        return cells.stream().map(c -> c.halfWidth() == null ? 0.0 : c.halfWidth()).toList();
    }

    /** Training loss per epoch, one line per run (keyed by legend label). */
    public static XYChart lossCurves(Map<String, Table> metricsByLabel) {
        return curves("training loss", "loss", metricsByLabel, TrainingMetrics.TRAIN_LOSS);
    }

    /** Validation top-1 % per epoch; epochs without a validation value are skipped. */
    public static XYChart accuracyCurves(Map<String, Table> metricsByLabel) {
        return curves("validation top-1", "top-1 %", metricsByLabel, TrainingMetrics.VAL_TOP1);
    }

    /** Legend labels for runs: the row they fill where known, else the run's own description. */
    static Map<String, Table> metricsByLabel(Map<String, RunRecord> runsByLabel) {
        Map<String, Table> metrics = new LinkedHashMap<>();
        runsByLabel.forEach(
                (label, run) -> {
                    if (run.hasMetrics()) {
                        metrics.put(label, run.metrics());
                    }
                });
        return metrics;
    }

    private static XYChart curves(
            String title, String yTitle, Map<String, Table> metricsByLabel, String column) {
        XYChart chart =
                new XYChartBuilder()
                        .width(PANEL_WIDTH)
                        .height(PANEL_HEIGHT)
                        .title(title)
                        .xAxisTitle("epoch")
                        .yAxisTitle(yTitle)
                        .build();
        style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("0");
        int drawn = 0;
        int index = 0;
        for (Map.Entry<String, Table> run : metricsByLabel.entrySet()) {
            // The same colour for a run in every panel, by its place in the map, so one legend
            // serves all.
            Color color = SERIES[index++ % SERIES.length];
            Table metrics = run.getValue();
            List<Integer> epochs = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Row r : metrics) {
                if (!r.isMissing(column) && !r.isMissing(TrainingMetrics.EPOCH)) {
                    // metrics.csv counts epochs from 0; charts, tables and logs say "epoch 1" for
                    // the first.
                    epochs.add(r.getInt(TrainingMetrics.EPOCH) + 1);
                    values.add(r.getDouble(column));
                }
            }
            if (!epochs.isEmpty()) {
                XYSeries series = chart.addSeries(run.getKey(), epochs, values);
                series.setMarker(SeriesMarkers.CIRCLE);
                series.setLineColor(color);
                series.setMarkerColor(color);
                drawn++;
            }
        }
        if (drawn == 0) {
            chart.setTitle(title + " (no data)");
        }
        return chart;
    }

    /**
     * "not run: A, B" under a panel, shortened when the names are too long for the panel's width:
     * "no row has run yet" when none ran, else e.g. "not run: 3 of 4 rows".
     */
    static String notRunTitle(String prefix, List<String> notRun, int rows, CategoryChart chart) {
        if (notRun.isEmpty()) {
            return "";
        }
        String full = prefix + String.join(", ", notRun);
        Font font = chart.getStyler().getAxisTitleFont();
        if (TextFit.width(full, font) <= PANEL_WIDTH - 40) {
            return full;
        }
        String prefixText =
                prefix.endsWith(": ") ? prefix.substring(0, prefix.length() - 2) : prefix.strip();
        return notRun.size() == rows
                ? "no row has run yet"
                : prefixText + ": " + notRun.size() + " of " + rows + " rows";
    }

    private static CategoryChart barChart(String title) {
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(PANEL_WIDTH)
                        .height(PANEL_HEIGHT)
                        .title(title)
                        .yAxisTitle("top-1 % (± 95% CI)")
                        .build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        chart.getStyler().setLabelsRotation(90);
        // XChart formats bar labels with the axis pattern: "0.##" gives ticks "80" and labels
        // "81.69".
        chart.getStyler().setYAxisDecimalPattern("0.##");
        chart.getStyler().setErrorBarsColor(Color.BLACK);
        return chart;
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    }

    // Category labels must be short to fit under a 450-pixel panel.
    private static String shortLabel(RowResult row) {
        if (row.model().endsWith("(VPT)")) {
            return "VPT";
        }
        if (row.model().startsWith("Ours") && row.prompt() != null && !row.prompt().equals("–")) {
            // the authors' rows carry the same prompts as the paper's: the series names must differ
            return (row.model().equals(ReproducedRow.AUTHORS_MODEL) ? "Ours, authors " : "Ours ")
                    + row.prompt();
        }
        return row.model().replace(" (ViT-B)", "").replace(" (ViT-tiny)", "");
    }

    /**
     * One legend for a figure of several panels, drawn under them across the figure's whole width
     * and wrapped into as many lines as its entries need, so no entry is cut off and none is
     * repeated.
     */
    static final class Legend {
        static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        private static final int MARGIN = 8;
        private static final int SWATCH = 16;
        private static final int GAP = 18;
        private static final int LINE_HEIGHT = 18;

        /**
         * A legend entry: a bar series is drawn as a filled square, a line series as a line with a
         * dot.
         */
        record Entry(String label, Color color, boolean line) {}

        private Legend() {}

        /**
         * The series of all panels, each name once, in first-seen order. Call it after the panels
         * were drawn: XChart gives series without an explicit colour theirs while drawing.
         */
        static List<Entry> entries(List<? extends Chart<?, ?>> panels) {
            Map<String, Entry> byLabel = new LinkedHashMap<>();
            for (Chart<?, ?> panel : panels) {
                for (Series series : panel.getSeriesCollection()) {
                    if (series instanceof XYSeries xy) {
                        byLabel.putIfAbsent(
                                xy.getName(), new Entry(xy.getName(), xy.getLineColor(), true));
                    } else if (series instanceof CategorySeries bars) {
                        byLabel.putIfAbsent(
                                bars.getName(),
                                new Entry(bars.getName(), bars.getFillColor(), false));
                    }
                }
            }
            return new ArrayList<>(byLabel.values());
        }

        /** {@code charts} with the legend added below; unchanged when there are no entries. */
        static BufferedImage below(BufferedImage charts, List<Entry> entries) {
            if (entries.isEmpty()) {
                return charts;
            }
            int width = charts.getWidth();
            List<List<Entry>> lines = wrap(entries, width - 2 * MARGIN);
            int legendHeight = lines.size() * LINE_HEIGHT + 2 * MARGIN;
            BufferedImage out =
                    new BufferedImage(
                            width, charts.getHeight() + legendHeight, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            try {
                g.setRenderingHint(
                        RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(
                        RenderingHints.KEY_TEXT_ANTIALIASING,
                        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, out.getWidth(), out.getHeight());
                g.drawImage(charts, 0, 0, null);
                g.setFont(FONT);
                FontMetrics fm = g.getFontMetrics();
                int y = charts.getHeight() + MARGIN;
                for (List<Entry> line : lines) {
                    int x = (width - lineWidth(line, fm)) / 2;
                    int middle = y + LINE_HEIGHT / 2;
                    for (Entry e : line) {
                        g.setColor(e.color() == null ? Color.GRAY : e.color());
                        if (e.line()) {
                            g.setStroke(new BasicStroke(2f));
                            g.drawLine(x, middle, x + SWATCH, middle);
                            g.fillOval(x + SWATCH / 2 - 4, middle - 4, 8, 8);
                        } else {
                            g.fillRect(x + 2, middle - 6, 12, 12);
                        }
                        g.setColor(Color.BLACK);
                        g.drawString(e.label(), x + SWATCH + 4, middle + fm.getAscent() / 2 - 1);
                        x += entryWidth(e, fm) + GAP;
                    }
                    y += LINE_HEIGHT;
                }
            } finally {
                g.dispose();
            }
            return out;
        }

        /**
         * Entries in lines no wider than {@code maxWidth} (an entry wider than that gets a line of
         * its own).
         */
        static List<List<Entry>> wrap(List<Entry> entries, int maxWidth) {
            FontMetrics fm = TextFit.metrics(FONT);
            List<List<Entry>> lines = new ArrayList<>();
            List<Entry> line = new ArrayList<>();
            int used = 0;
            for (Entry e : entries) {
                int w = entryWidth(e, fm);
                if (!line.isEmpty() && used + GAP + w > maxWidth) {
                    lines.add(line);
                    line = new ArrayList<>();
                    used = 0;
                }
                used += (line.isEmpty() ? 0 : GAP) + w;
                line.add(e);
            }
            if (!line.isEmpty()) {
                lines.add(line);
            }
            return lines;
        }

        private static int lineWidth(List<Entry> line, FontMetrics fm) {
            return line.stream().mapToInt(e -> entryWidth(e, fm)).sum() + GAP * (line.size() - 1);
        }

        private static int entryWidth(Entry e, FontMetrics fm) {
            return SWATCH + 4 + fm.stringWidth(e.label());
        }
    }
}
