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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;

class FiguresTest {
    private static final long SMALL_PNG = 150_000;

    @TempDir
    Path tmp;

    @Test
    void paperVsOursHasAPanelPerDatasetAndIsSavedSmall() throws IOException {
        Path runs = FixtureRuns.runsDir(tmp);
        Figures figures = new Figures(tmp.resolve("figures"));
        BufferedImage image = figures.paperVsOurs(ResultTables.table1(runs, "paper"));
        assertEquals(2 * Charts.PANEL_WIDTH, image.getWidth());
        assertEquals(2 * Charts.PANEL_HEIGHT, image.getHeight());
        Path png = tmp.resolve("figures/table1-paper-paper-vs-ours.png");
        assertTrue(Files.size(png) < SMALL_PNG, Files.size(png) + " bytes");
    }

    @Test
    void paperVsOursSeriesCarryPaperAndOurValues() {
        List<CategoryChart> panels = Charts.paperVsOurs(ResultTables.table1(FixtureRuns.runsDir(tmp), "paper"));
        assertEquals(4, panels.size());
        CategoryChart caltech = panels.get(0);
        assertArrayEquals(new double[] {97.61, 97.54}, caltech.getSeries("paper").getYData());
        assertArrayEquals(new double[] {97.2, 97.9}, caltech.getSeries("ours").getYData());
        assertEquals("not run: ViT-B, Ours", panels.get(1).getXAxisTitle());
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
        assertEquals(List.of("paper", "ours"), panels.stream().map(CategoryChart::getTitle).toList());
        assertEquals(List.of("VPT", "Ours text", "Ours image", "Ours mix"), names(panels.get(0)));
        assertArrayEquals(new double[] {79.81, 84.74, 65.75, 63.20}, panels.get(0).getSeries("Ours text").getYData());
        BufferedImage image = new Figures(tmp.resolve("figures")).promptKinds(t2);
        assertEquals(2 * Charts.PANEL_WIDTH, image.getWidth());
        assertThrows(IllegalArgumentException.class, () -> Charts.promptKinds(ResultTables.table1(FixtureRuns.runsDir(tmp.resolve("b")), "paper")));
    }

    @Test
    void trainingCurvesDrawLossAndValidationPerRow() {
        Path runs = FixtureRuns.runsDir(tmp);
        ResultTable t1 = ResultTables.table1(runs, "paper");
        BufferedImage image = new Figures(tmp.resolve("figures")).trainingCurves(t1, "caltech101");
        assertEquals(2 * Charts.PANEL_WIDTH, image.getWidth());
        assertTrue(Files.isRegularFile(tmp.resolve("figures/table1-paper-curves-caltech101.png")));

        Map<String, tech.tablesaw.api.Table> metrics = Charts.metricsByLabel(Map.of("ViT", RunRecord.read(runs.resolve("q-vit-fmnist"))));
        assertArrayEquals(new double[] {1.1, 0.7, 0.5}, Charts.lossCurves(metrics).getSeries("ViT").getYData());
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
        assertEquals(8 + 8, written.size(), written.toString());
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
        assertEquals(8 + 6, written.size(), written.toString());
        assertTrue(written.stream().noneMatch(p -> p.toString().contains("-curves-")), "no runs, no curves");
        BufferedImage none = new Figures(tmp.resolve("figures")).trainingCurves("none", List.of());
        assertEquals(2 * Charts.PANEL_WIDTH, none.getWidth());
    }
}
