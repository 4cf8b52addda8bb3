package org.ivit.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ivit.results.Charts.Legend;
import org.ivit.results.RunRecord.TrainingMetrics;
import org.ivit.results.image.ImageGrid;
import org.ivit.results.image.PromptSimilarityHeatmap;
import org.ivit.results.image.TextFit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;

class FiguresTest {
    private static final long SMALL_PNG = 150_000;

    @TempDir Path tmp;

    @Test
    void eachOfEightClaimsHasItsOwnColour() {
        List<PairedDifferenceTable.PairedDifference> claims = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add(
                    new PairedDifferenceTable.PairedDifference(
                            2,
                            "quick",
                            org.ivit.data.prepare.FashionMnistRecipe.DATASET,
                            "Ours " + i,
                            "ViT",
                            List.of(1, 2),
                            List.of(0.5, 0.7),
                            MeanInterval.of(List.of(0.5, 0.7))));
        }
        CategoryChart chart = Charts.pairedDifferences(new PairedDifferenceTable("quick", claims));
        assertEquals(
                8,
                chart.getSeriesCollection().stream().map(s -> s.getFillColor()).distinct().count());
    }

    @Test
    void paperVsOursHasAPanelPerDatasetAndIsSavedSmall() throws IOException {
        Path runs = FixtureRuns.runsDir(tmp);
        Figures figures = new Figures(tmp.resolve("figures"));
        BufferedImage image = figures.paperVsOurs(ResultTables.table1(runs, "paper"));
        assertEquals(2 * Charts.PANEL_WIDTH, image.getWidth());
        // Two rows of panels, then the one legend of the figure.
        assertTrue(
                image.getHeight() > 2 * Charts.PANEL_HEIGHT
                        && image.getHeight() < 2 * Charts.PANEL_HEIGHT + 60,
                "height " + image.getHeight());
        Path png = tmp.resolve("figures/table1-paper-paper-vs-ours.png");
        assertTrue(Files.size(png) < SMALL_PNG, Files.size(png) + " bytes");
    }

    @Test
    void paperVsOursSeriesCarryPaperAndOurValues() {
        List<CategoryChart> panels =
                Charts.paperVsOurs(ResultTables.table1(FixtureRuns.runsDir(tmp), "paper"));
        assertEquals(4, panels.size());
        CategoryChart caltech = panels.get(0);
        // all 12 Table 1 rows are trainable since the baselines: ViT-B, the ten baselines in the
        // paper's order, Ours
        assertArrayEquals(
                new double[] {
                    97.61, 96.87, 96.56, 96.73, 95.55, 96.72, 97.08, 88.74, 91.59, 93.48, 97.59,
                    97.54
                },
                caltech.getSeries("paper").getYData());
        double[] ours = caltech.getSeries("ours").getYData();
        assertEquals(12, ours.length);
        assertEquals(97.2, ours[0]);
        assertEquals(97.9, ours[11]);
        assertTrue(Double.isNaN(ours[4]), "ResNet-50 has no run: no bar");
        assertEquals("no row has run yet", panels.get(1).getXAxisTitle());
    }

    @Test
    void quickChartsHaveNoPaperSeries() {
        ResultTable quick = ResultTables.table2(FixtureRuns.runsDir(tmp), "quick");
        List<CategoryChart> panels = Charts.paperVsOurs(quick);
        assertEquals(1, panels.size());
        assertEquals(List.of("ours"), names(panels.get(0)));
        assertTrue(panels.get(0).getTitle().contains("not comparable"));
        List<CategoryChart> kinds = Charts.promptKinds(quick);
        assertEquals(1, kinds.size());
        assertTrue(kinds.get(0).getTitle().contains("not comparable"));
    }

    @Test
    void promptKindsComparesTheThreeKindsWithVpt() {
        ResultTable t2 = ResultTables.table2(FixtureRuns.runsDir(tmp), "paper");
        List<CategoryChart> panels = Charts.promptKinds(t2);
        assertEquals(
                List.of("paper", "ours"), panels.stream().map(CategoryChart::getTitle).toList());
        assertEquals(List.of("VPT", "Ours text", "Ours image", "Ours mix"), names(panels.get(0)));
        assertArrayEquals(
                new double[] {79.81, 84.74, 65.75, 63.20},
                panels.get(0).getSeries("Ours text").getYData());
        BufferedImage image = new Figures(tmp.resolve("figures")).promptKinds(t2);
        assertEquals(2 * Charts.PANEL_WIDTH, image.getWidth());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        Charts.promptKinds(
                                ResultTables.table1(
                                        FixtureRuns.runsDir(tmp.resolve("b")), "paper")));
    }

    /**
     * The committed quick records hold the authors' rows beside the paper's: the chart names them
     * apart.
     */
    @Test
    void promptKindsNameTheAuthorsRowsApart() {
        ResultTable t2 =
                ResultTables.table2(org.ivit.Project.root().resolve("results/runs"), "quick");
        List<CategoryChart> panels = Charts.promptKinds(t2);
        assertEquals(
                List.of(
                        "VPT",
                        "Ours text",
                        "Ours image",
                        "Ours mix",
                        "Ours, authors text",
                        "Ours, authors image",
                        "Ours, authors mix"),
                names(panels.get(0)));
    }

    @Test
    void trainingCurvesDrawLossAndValidationPerRow() {
        Path runs = FixtureRuns.runsDir(tmp);
        ResultTable t1 = ResultTables.table1(runs, "paper");
        BufferedImage image = new Figures(tmp.resolve("figures")).trainingCurves(t1, "caltech101");
        assertEquals(2 * Charts.PANEL_WIDTH, image.getWidth());
        assertTrue(Files.isRegularFile(tmp.resolve("figures/table1-paper-curves-caltech101.png")));

        Map<String, tech.tablesaw.api.Table> metrics =
                Charts.metricsByLabel(Map.of("ViT", RunRecord.read(runs.resolve("q-vit-fmnist"))));
        assertArrayEquals(
                new double[] {1.1, 0.7, 0.5},
                Charts.lossCurves(metrics).getSeries("ViT").getYData());
        // That run has no validation split: its accuracy panel has no line, and says so.
        assertTrue(Charts.accuracyCurves(metrics).getTitle().endsWith("(no data)"));
    }

    private static List<String> names(CategoryChart chart) {
        return chart.getSeriesCollection().stream().map(s -> s.getName()).toList();
    }

    @Test
    void theWholeReportStaysSmall() throws IOException {
        Path results = FixtureRuns.resultsDir(tmp);
        List<Path> written = ResultsReport.write(results);
        // 8 tables, 8 figures, and per profile the paired differences as CSV, Markdown and figure
        assertEquals(8 + 8 + 6, written.size(), written.toString());
        long bytes = 0;
        for (Path p : written) {
            assertTrue(Files.isRegularFile(p), p.toString());
            bytes += Files.size(p);
        }
        assertTrue(bytes < 1_000_000, bytes + " bytes");
    }

    @Test
    void anEmptyResultsFolderStillGivesEveryTableAndBarChart() {
        List<Path> written = ResultsReport.write(tmp.resolve("empty"));
        assertEquals(8 + 6 + 6, written.size(), written.toString());
        assertTrue(
                written.stream().noneMatch(p -> p.toString().contains("-curves-")),
                "no runs, no curves");
        BufferedImage none = new Figures(tmp.resolve("figures")).trainingCurves("none", List.of());
        assertEquals(2 * Charts.PANEL_WIDTH, none.getWidth());
    }

    @Test
    void curvesCountEpochsFromOneAsTheTablesDo() {
        Path runs = FixtureRuns.runsDir(tmp);
        RunRecord run = RunRecord.read(runs.resolve("q-vit-fmnist"));
        // metrics.csv counts from 0 (as the engine writes it); the summary's best_epoch counts from
        // 1.
        assertEquals(0, run.metrics().intColumn(TrainingMetrics.EPOCH).getInt(0));
        Map<String, tech.tablesaw.api.Table> metrics = Charts.metricsByLabel(Map.of("ViT", run));
        assertArrayEquals(
                new double[] {1, 2, 3}, Charts.lossCurves(metrics).getSeries("ViT").getXData());
        assertEquals(
                run.summary().metrics().epochs(),
                (int) Charts.lossCurves(metrics).getSeries("ViT").getXMax());
    }

    @Test
    void aFigureHasOneLegendWithEachSeriesOnceAndItFitsTheFigure() {
        Path runs = FixtureRuns.runsDir(tmp);
        // Four rows with long names, as Table 2 of the quick profile has them.
        Map<String, RunRecord> byLabel = new java.util.LinkedHashMap<>();
        RunRecord run = RunRecord.read(runs.resolve("q-ivit-fmnist"));
        for (String label :
                List.of(
                        "ViT-tiny (VPT)",
                        "Ours (ViT-tiny), text",
                        "Ours (ViT-tiny), image",
                        "Ours (ViT-tiny), mix")) {
            byLabel.put(label, run);
        }
        var metrics = Charts.metricsByLabel(byLabel);
        var panels = List.of(Charts.lossCurves(metrics), Charts.accuracyCurves(metrics));
        BufferedImage image = Figures.grid(panels);
        assertTrue(
                panels.stream().noneMatch(p -> p.getStyler().isLegendVisible()),
                "the panels draw no legend of their own");
        List<Legend.Entry> entries = Legend.entries(panels);
        assertEquals(
                List.copyOf(byLabel.keySet()),
                entries.stream().map(Legend.Entry::label).toList(),
                "each series once");
        // The same run has the same colour in both panels.
        assertEquals(
                panels.get(0).getSeries("Ours (ViT-tiny), mix").getLineColor(),
                panels.get(1).getSeries("Ours (ViT-tiny), mix").getLineColor());
        java.awt.FontMetrics fm = TextFit.metrics(Legend.FONT);
        for (List<Legend.Entry> line : Legend.wrap(entries, image.getWidth() - 16)) {
            int width =
                    line.stream().mapToInt(e -> 20 + fm.stringWidth(e.label())).sum()
                            + 18 * (line.size() - 1);
            assertTrue(
                    width <= image.getWidth() - 16,
                    "legend line of " + width + " px in a " + image.getWidth() + " px figure");
        }
        assertTrue(image.getHeight() > Charts.PANEL_HEIGHT, "the legend sits below the panels");
    }

    @Test
    void aBarFigureOfFourPanelsHasOneLegend() {
        ResultTable t1 = ResultTables.table1(FixtureRuns.runsDir(tmp), "paper");
        List<CategoryChart> panels = Charts.paperVsOurs(t1);
        Figures.grid(panels);
        assertEquals(
                List.of("paper", "ours"),
                Legend.entries(panels).stream().map(Legend.Entry::label).toList());
    }

    @Test
    void notRunNotesFitUnderTheirPanel() {
        ResultTable t2 = ResultTables.table2(tmp.resolve("none/runs"), "paper");
        for (CategoryChart panel : Charts.promptKinds(t2)) {
            String title = panel.getXAxisTitle();
            assertTrue(
                    TextFit.width(title, panel.getStyler().getAxisTitleFont())
                            <= Charts.PANEL_WIDTH - 40,
                    title);
        }
        assertEquals("no row has run yet", Charts.promptKinds(t2).get(1).getXAxisTitle());
        for (CategoryChart panel : Charts.paperVsOurs(t2)) {
            String title = panel.getXAxisTitle();
            assertTrue(
                    TextFit.width(title, panel.getStyler().getAxisTitleFont())
                            <= Charts.PANEL_WIDTH - 40,
                    title);
        }
    }

    @Test
    void anImageGridTitleIsWrappedToTheGridsWidth() {
        String title =
                "Image prompt sources, one per class (seed 1234) - CLIP: random weights (small test model)";
        List<BufferedImage> images =
                java.util.Collections.nCopies(
                        10, new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB));
        List<String> captions = java.util.Collections.nCopies(10, "Ankle boot");
        BufferedImage grid = ImageGrid.of(images, captions, 84, 5, title);
        List<String> lines = ImageGrid.titleLines(title, grid.getWidth());
        assertTrue(lines.size() > 1, "a title wider than the grid takes several lines: " + lines);
        assertEquals(title, String.join(" ", lines));
        for (String line : lines) {
            assertTrue(TextFit.width(line, ImageGrid.TITLE_FONT) <= grid.getWidth() - 16, line);
        }
        BufferedImage untitled = ImageGrid.of(images, captions, 84, 5, null);
        assertTrue(
                grid.getHeight() >= untitled.getHeight() + 18 * lines.size(),
                "room for every title line");
        // Captions wider than their cell wrap too, and keep their explicit line breaks.
        List<String> caption =
                ImageGrid.captionLines("true: Ankle boot\n1. T-shirt/top (12.3)", 60);
        assertTrue(caption.size() >= 3, caption.toString());
        caption.forEach(l -> assertTrue(TextFit.width(l, ImageGrid.CAPTION_FONT) <= 60, l));
    }

    @Test
    void aPromptHeatmapNamesEveryRowAndColumn() {
        float[][] rows = new float[10][4];
        for (int i = 0; i < rows.length; i++) {
            rows[i][i % 4] = 1;
            rows[i][(i + 1) % 4] = i;
        }
        var chart =
                PromptSimilarityHeatmap.chart(
                        rows, java.util.Collections.nCopies(10, "Ankle boot"), "t");
        // XChart drops category labels closer together than the spacing hint; a cell is about 45
        // px.
        int cell = chart.getHeight() / 12;
        assertTrue(
                chart.getStyler().getXAxisTickMarkSpacingHint() < cell,
                "column labels would be skipped");
        assertTrue(
                chart.getStyler().getYAxisTickMarkSpacingHint() < cell,
                "row labels would be skipped");
        assertTrue(
                chart.getStyler().getXAxisLabelRotation() > 0,
                "long class names are tilted to fit their column");
    }
}
