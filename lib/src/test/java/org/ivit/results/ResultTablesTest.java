package org.ivit.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.data.BenchmarkDataset;
import org.ivit.data.Datasets;
import org.ivit.data.prepare.Caltech101Recipe;
import org.ivit.data.prepare.FashionMnistRecipe;
import org.ivit.data.prepare.Flowers102Recipe;
import org.ivit.data.prepare.OxfordPetsRecipe;
import org.ivit.data.prepare.StanfordCarsRecipe;
import org.ivit.results.ResultTable.CellResult;
import org.ivit.results.ResultTable.RowResult;
import org.ivit.spec.ExperimentConfig;
import org.ivit.train.RunMetrics;
import org.ivit.train.RunProvenance;
import org.ivit.train.RunSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

class ResultTablesTest {
    @TempDir Path tmp;
    Path runs;

    @BeforeEach
    void copyFixtures() {
        runs = FixtureRuns.runsDir(tmp);
    }

    @Test
    void table1HasThePapersRowsAndFillsOnlyWhatWasRun() {
        ResultTable t = ResultTables.table1(runs, "paper");
        assertEquals(12, t.rows().size());
        assertEquals(Datasets.paper(), t.datasets());
        RowResult deit = t.row("DeiT-B").orElseThrow();
        assertTrue(deit.reproduced(), "every Table 1 row is trainable since the baselines");
        assertEquals(0, deit.cellsRun());
        assertEquals(96.87, deit.cell(Caltech101Recipe.DATASET).paper());
        RowResult vit = t.row("ViT-B").orElseThrow();
        assertTrue(vit.cell(Caltech101Recipe.DATASET).isRun());
        assertFalse(vit.cell(OxfordPetsRecipe.DATASET).isRun());
        assertNull(vit.cell(OxfordPetsRecipe.DATASET).ours());
        assertNull(vit.cell(OxfordPetsRecipe.DATASET).delta());
    }

    @Test
    void differenceIsOursMinusPaperToTwoDecimals() {
        ResultTable t = ResultTables.table1(runs, "paper");
        CellResult vit = t.row("ViT-B").orElseThrow().cell(Caltech101Recipe.DATASET);
        assertEquals(97.20, vit.ours());
        assertEquals(-0.41, vit.delta());
        CellResult ours = t.row("Ours (ViT-B)").orElseThrow().cell(Caltech101Recipe.DATASET);
        assertEquals(97.90, ours.ours());
        assertEquals(0.36, ours.delta());
        ResultTable t2 = ResultTables.table2(runs, "paper");
        assertEquals(
                -1.69, t2.row("ViT-B (VPT)").orElseThrow().cell(OxfordPetsRecipe.DATASET).delta());
        assertEquals(
                0.76,
                t2.row("Ours (ViT-B), text").orElseThrow().cell(OxfordPetsRecipe.DATASET).delta());
    }

    @Test
    void theNewestFinishedRunFillsACellAndTheTableSaysSo() {
        ResultTable t = ResultTables.table1(runs, "paper");
        CellResult cell = t.row("Ours (ViT-B)").orElseThrow().cell(Caltech101Recipe.DATASET);
        assertEquals("p-ivit-full-caltech-new", cell.run().summary().runId());
        assertEquals(2, cell.candidates());
        assertTrue(
                t.provenance().stream()
                        .anyMatch(
                                l ->
                                        l.contains(
                                                "p-ivit-full-caltech-new (the newest of 2 finished runs)")),
                t.provenance().toString());
    }

    @Test
    void unfinishedRunsAreLeftOutAndNamed() {
        ResultTable t = ResultTables.table1(runs, "paper");
        assertFalse(t.row("ViT-B").orElseThrow().cell(StanfordCarsRecipe.DATASET).isRun());
        assertTrue(
                t.provenance().stream()
                        .anyMatch(
                                l ->
                                        l.startsWith("Left out: p-vit-cars-unfinished")
                                                && l.contains("not finished")));
    }

    @Test
    void averageNeedsEveryDataset() {
        RowResult vit = ResultTables.table1(runs, "paper").row("ViT-B").orElseThrow();
        assertNull(vit.oursAverage());
        assertEquals(1, vit.cellsRun());
        RowResult full =
                new RowResult(
                        "x",
                        null,
                        List.of(
                                cell(Caltech101Recipe.DATASET, 97.61, 97.0),
                                        cell(OxfordPetsRecipe.DATASET, 94.19, 94.0),
                                cell(StanfordCarsRecipe.DATASET, 90.90, 91.0),
                                        cell(Flowers102Recipe.DATASET, 99.59, 99.01)),
                        95.57,
                        "",
                        true);
        assertEquals(95.25, full.oursAverage());
        assertEquals(-0.32, full.averageDelta());
    }

    @Test
    void quickAndPaperRunsNeverMeet() {
        ResultTable paper = ResultTables.table1(runs, "paper");
        ResultTable quick = ResultTables.table1(runs, "quick");
        assertTrue(
                paper.runsUsed().stream()
                        .allMatch(r -> r.summary().cfg().profile().equals("paper")));
        assertTrue(
                quick.runsUsed().stream()
                        .allMatch(r -> r.summary().cfg().profile().equals("quick")));
        assertEquals(2, quick.runsUsed().size());

        assertEquals(List.of(FashionMnistRecipe.DATASET), quick.datasets());
        assertEquals(
                List.of("ViT-tiny", "Ours (ViT-tiny)"),
                quick.rows().stream().map(RowResult::label).toList());
        assertTrue(
                quick.rows().stream()
                        .flatMap(r -> r.cells().stream())
                        .allMatch(c -> c.paper() == null && c.delta() == null));
        assertTrue(
                quick.heading()
                        .contains(
                                "quick profile (Fashion-MNIST, tiny ViT): not comparable to the paper"));
        assertTrue(paper.heading().contains("paper profile"));

        String html = quick.toHtml();
        assertFalse(
                html.contains("97.61") || html.contains(">paper<") || html.contains("ViT-B"), html);
        assertTrue(html.contains("not comparable to the paper"));
        assertEquals(
                List.of(
                        "model",
                        "fashion_mnist_ours",
                        "fashion_mnist_ci95",
                        "fashion_mnist_n",
                        "fashion_mnist_run",
                        "fashion_mnist_seeds",
                        "fashion_mnist_values",
                        "notes"),
                quick.table().columnNames());
    }

    @Test
    void provenanceNamesProfileTemplatesLossKSelectionAndCommit() {
        List<String> lines = ResultTables.table1(runs, "paper").provenance();
        String all = String.join("\n", lines);
        assertTrue(all.contains("Profile: paper"), all);
        assertTrue(all.contains("Template set: caltech101"), all);
        assertTrue(all.contains("similarity loss: paper"), all);
        assertTrue(all.contains("top K = 5"), all);
        assertTrue(all.contains("Model selection: best epoch chosen on the validation split"), all);
        assertTrue(all.contains("Commit: 1a2b3c4d5e6f"), all);

        String quick = String.join("\n", ResultTables.table1(runs, "quick").provenance());
        assertTrue(quick.contains("test split (the authors' rule; optimistic) (1 run)"), quick);
        assertTrue(quick.contains("top K = 3"), quick);
        String table2 = String.join("\n", ResultTables.table2(runs, "paper").provenance());
        assertTrue(
                table2.contains("similarity loss: authors") && table2.contains("all N prompts"),
                table2);
    }

    @Test
    void htmlHasGroupedHeadersTheCellsAndTheNotes() {
        String html = ResultTables.table1(runs, "paper").toHtml();
        assertTrue(html.startsWith("<table"));
        assertTrue(html.contains("<th colspan=\"4\" style=\"text-align:center\">Caltech101</th>"));
        assertTrue(
                html.contains("<th>paper</th><th>ours</th><th>&Delta;</th><th>paper in CI?</th>"));
        // one run of unknown seed (the fixtures have no config.json): its value, n=1 and no
        // interval
        assertTrue(
                html.contains(
                        "<td>ViT-B</td><td style=\"text-align:right\">97.61</td>"
                                + "<td style=\"text-align:right\" title=\"seed ?: 97.20\">97.20 (n=1)</td>"
                                + "<td style=\"text-align:right\">-0.41</td><td style=\"color:#888\">n=1: no interval</td>"),
                html);
        assertTrue(
                html.contains(
                        "<td>DeiT-B</td><td style=\"text-align:right\">96.87</td><td style=\"color:#888;text-align:center\">not run</td>"));
        assertTrue(html.contains("EfficientNet-B3<sup>2</sup>"));
        assertTrue(
                html.contains(
                        "Ours (ViT-B)</td><td style=\"text-align:right\">97.54</td>"
                                + "<td style=\"text-align:right\" title=\"seed ?: 97.90\">97.90 (n=1)</td><td style=\"text-align:right\">+0.36</td>"),
                html);
        assertTrue(
                html.contains(
                        "Agreement with the paper: its value lies inside our 95% interval in 0 of 0 cell(s) with two or more"
                                + " seeds; 2 cell(s) with one seed have no interval."),
                html);
        assertTrue(html.contains("partial (1/4)"));
        assertTrue(html.contains("printed 86.56"));
        assertTrue(html.contains("Caltech101: run p-vit-caltech"));
        assertFalse(html.contains("p-ivit-full-caltech-old<"), "the older run fills no cell");
    }

    @Test
    void table2HtmlHasThePromptKinds() {
        String html = ResultTables.table2(runs, "paper").toHtml();
        assertTrue(
                html.contains(
                        "<td>Ours (ViT-B), text</td><td style=\"text-align:right\">79.81</td>"));
        assertTrue(
                html.contains(
                        "<td>ViT-B (VPT)</td><td style=\"text-align:right\">73.83</td><td style=\"color:#888;text-align:center\">not run</td>"));
        assertTrue(
                html.contains(
                        "<td style=\"text-align:right\">81.69</td><td style=\"text-align:right\" title=\"seed ?: 80.00\">"
                                + "80.00 (n=1)</td><td style=\"text-align:right\">-1.69</td>"),
                html);
    }

    @Test
    void textAndMarkdownUseCompactCells() {
        ResultTable t = ResultTables.table1(runs, "paper");
        String md = t.toMarkdown();
        assertTrue(md.contains("| model | Caltech101 | Pets | Cars | Flowers | Average |"), md);
        assertTrue(
                md.contains(
                        "| ViT-B | 97.61 / 97.20 (n=1) -0.41, n=1: no interval | 94.19 / not run |"),
                md);
        assertTrue(md.contains("| EfficientNet-B3 [2] |"), md);
        String text = t.toString();
        assertTrue(
                text.contains("97.61 / 97.20 (n=1) -0.41") && text.contains("Profile: paper"),
                text);
    }

    @Test
    void writesCsvAndMarkdown() throws IOException {
        Path out = tmp.resolve("out");
        List<Path> files = ResultTables.table1(runs, "paper").write(out);
        assertEquals(
                List.of(out.resolve("table1-paper.csv"), out.resolve("table1-paper.md")), files);
        // A column with no run at all is blank throughout, so readers give the types rather than
        // guess.
        Table csv =
                Table.read()
                        .usingOptions(
                                CsvReadOptions.builder(out.resolve("table1-paper.csv").toFile())
                                        .columnTypes(
                                                name ->
                                                        name.equals("model")
                                                                        || name.equals("notes")
                                                                        || name.endsWith("_run")
                                                                        || name.endsWith("_verdict")
                                                                        || name.endsWith("_seeds")
                                                                        || name.endsWith("_values")
                                                                ? ColumnType.STRING
                                                                : ColumnType.DOUBLE));
        assertEquals(12, csv.rowCount());
        assertEquals(-0.41, csv.doubleColumn("caltech101_delta").get(0), 1e-9);
        assertEquals("not run", csv.stringColumn("oxford_pets_run").get(0));
        assertTrue(csv.doubleColumn("oxford_pets_ours").isMissing(0));
        assertTrue(Files.readString(out.resolve("table1-paper.md")).startsWith("**Table 1"));
    }

    @Test
    void fourTablesAreWrittenAndAnEmptyRunsFolderGivesNotRunEverywhere() {
        Path results = tmp.resolve("fresh-results");
        List<Path> files =
                ResultTables.all(results).stream().flatMap(t -> t.write(results).stream()).toList();
        assertEquals(8, files.size());
        ResultTable empty = ResultTables.table2(results.resolve("runs"), "paper");
        assertTrue(empty.rows().stream().allMatch(r -> r.cellsRun() == 0));
        assertTrue(
                empty.provenance().contains("No finished run of this profile fills a cell yet."));
    }

    @Test
    void aRunFittingNoRowIsListedAsLeftOut() throws IOException {
        Path odd = runs.resolve("p-ivit-full-in-table2");
        Files.createDirectories(odd);
        String json =
                Files.readString(runs.resolve("p-ivit-full-caltech-new/summary.json"))
                        .replace("\"table\": 1", "\"table\": 2")
                        .replace("p-ivit-full-caltech-new", "p-ivit-full-in-table2");
        Files.writeString(odd.resolve("summary.json"), json);
        ResultTable t2 = ResultTables.table2(runs, "paper");
        assertTrue(
                t2.provenance().stream()
                        .anyMatch(
                                l ->
                                        l.contains(
                                                "p-ivit-full-in-table2 (instruction-vit, full, caltech101: fits no cell")),
                t2.provenance().toString());
    }

    @Test
    void unknownProfileIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ResultTables.table1(runs, "fast"));
    }

    private static CellResult cell(BenchmarkDataset d, double paper, double ours) {
        ExperimentConfig cfg =
                TestRecords.spec("paper", 1, d.id(), "vit", null, null, "full", 1234);
        RunSummary s =
                new RunSummary(
                        cfg,
                        new RunMetrics(1, 1, ours, 99.0, null, 1.0, 0, 0, true, null),
                        new RunProvenance("r-" + d.id(), "c"));
        return new CellResult(
                d,
                paper,
                List.of(
                        new RunRecord(
                                Path.of("r"), s, java.nio.file.attribute.FileTime.fromMillis(0))),
                1,
                MeanInterval.of(List.of(ours)));
    }
}
