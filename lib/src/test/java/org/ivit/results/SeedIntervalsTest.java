package org.ivit.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.ivit.Project;
import org.ivit.data.prepare.Caltech101Recipe;
import org.ivit.data.prepare.FashionMnistRecipe;
import org.ivit.data.prepare.OxfordPetsRecipe;
import org.ivit.data.prepare.StanfordCarsRecipe;
import org.ivit.results.PairedDifferenceTable.PairedDifference;
import org.ivit.results.PaperNumbers.PaperVerdict;
import org.ivit.results.ResultTable.CellResult;
import org.ivit.results.ResultTable.RowResult;
import org.ivit.spec.ExperimentConfig;
import org.ivit.train.RunMetrics;
import org.ivit.train.RunRecordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Cells over seeds: the Student t interval against hand-computed references, the verdict against
 * the paper, the paired difference of a claim, the rendered tables with n = 3, and today's
 * single-seed records read as cells of n = 1. The run records are synthetic: a summary.json and a
 * config.json with the seed, as the training engine leaves them.
 */
class SeedIntervalsTest {
    // t(0.975) for 2 and 3 degrees of freedom, as printed in any t table
    private static final double T2 = 4.302653;
    private static final double T3 = 3.182446;

    @TempDir Path tmp;

    @Test
    void theTIntervalMatchesAHandComputedReference() {
        assertEquals(T3, MeanInterval.tQuantile(3), 1e-6);
        assertEquals(T2, MeanInterval.tQuantile(2), 1e-6);
        assertEquals(12.706205, MeanInterval.tQuantile(1), 1e-6);
        MeanInterval i = MeanInterval.of(List.of(1.0, 2.0, 3.0, 4.0));
        assertEquals(2.5, i.mean(), 1e-12);
        // s = sqrt(5/3) = 1.290994; half-width = 3.182446 * 1.290994 / sqrt(4) = 2.054260
        assertEquals(2.054260, i.halfWidth(), 1e-6);
        assertEquals(0.445740, i.lower(), 1e-6);
        assertEquals(4.554260, i.upper(), 1e-6);
        assertEquals(4, i.n());
        assertTrue(i.contains(0.5) && !i.contains(0.4) && i.excludesZero());
        assertEquals("2.50 ± 2.05 (n=4)", i.text());
    }

    @Test
    void oneValueHasNoInterval() {
        MeanInterval one = MeanInterval.of(List.of(87.7));
        assertFalse(one.hasInterval());
        assertTrue(Double.isNaN(one.halfWidth()));
        assertFalse(one.contains(87.7), "no interval contains anything");
        assertFalse(one.excludesZero());
        assertEquals("87.70 (n=1)", one.text());
        assertThrows(IllegalArgumentException.class, () -> MeanInterval.of(List.of()));
    }

    @Test
    void summarizingByGroupGivesEachGroupsIntervalToTheLastBit() {
        // values whose sum depends on the order they are added in: the groups must be summed in
        // the table's row order, as of() sums its list
        List<Double> a = List.of(0.1, 0.7, 1e16, -1e16, 0.2);
        List<Double> b = List.of(87.7);
        Table values =
                Table.create("v")
                        .addColumns(
                                tech.tablesaw.api.StringColumn.create(
                                        "cell", "a", "b", "a", "a", "a", "a"),
                                tech.tablesaw.api.DoubleColumn.create(
                                        "top1", 0.1, 87.7, 0.7, 1e16, -1e16, 0.2));
        Table summary = MeanInterval.summarize(values, "top1", "cell");
        assertEquals(
                List.of("cell", MeanInterval.MEAN, MeanInterval.HALF_WIDTH, MeanInterval.N),
                summary.columnNames());
        for (tech.tablesaw.api.Row row : summary) {
            MeanInterval expected = MeanInterval.of(row.getString("cell").equals("a") ? a : b);
            MeanInterval got = MeanInterval.at(row);
            assertEquals(expected.mean(), got.mean(), 0.0, row.getString("cell"));
            assertEquals(expected.halfWidth(), got.halfWidth(), 0.0, row.getString("cell"));
            assertEquals(expected.n(), got.n());
        }
        assertEquals(2, summary.rowCount());
        assertTrue(
                Double.isNaN(
                        MeanInterval.at(
                                        summary.where(summary.stringColumn("cell").isEqualTo("b"))
                                                .row(0))
                                .halfWidth()),
                "one value: no interval");
    }

    @Test
    void theFooterCountsEverySeedsRunAndNamesEachRowsRecipe() throws IOException {
        Path runs = tmp.resolve("results/runs");
        for (int seed : List.of(1234, 1235, 1236)) {
            ExperimentConfig vit =
                    TestRecords.spec("quick", 1, "fashion_mnist", "vit", null, null, "full", seed);
            TestRecords.write(
                    runs,
                    "q-vit-" + seed,
                    vit,
                    TestRecords.finished(1, 2, 87.0, 88.0),
                    seed == 1236 ? "beef" : "c0ffee");
        }
        ExperimentConfig authors =
                TestRecords.spec(
                                "quick",
                                1,
                                "fashion_mnist",
                                "instruction-vit",
                                null,
                                "text",
                                "full",
                                1234)
                        .with("epochs", "20") // the authors' recipe selects among epochs >= 10
                        .with("recipe", "authors");
        TestRecords.write(
                runs, "q-authors", authors, TestRecords.finished(12, 20, 86.0, 87.0), "c0ffee");
        List<String> footer = ResultTables.table1(runs, "quick").provenance();
        assertTrue(
                footer.contains("Recipe: ViT-tiny: paper; Ours (authors' script): authors."),
                footer::toString);
        assertTrue(footer.contains("Commit: c0ffee (3 runs), beef (1 run)."), footer::toString);
    }

    @Test
    void aQuickCellOfThreeSeedsShowsMeanIntervalAndEachSeed() throws IOException {
        Path runs = tmp.resolve("results/runs");
        quick(runs, "vit", 1234, 87.70);
        quick(runs, "vit", 1235, 87.40);
        quick(runs, "vit", 1236, 88.00);
        ResultTable t = ResultTables.table1(runs, "quick");
        CellResult cell = t.row("ViT-tiny").orElseThrow().cell(FashionMnistRecipe.DATASET);
        assertEquals(3, cell.n());
        assertEquals(List.of(1234, 1235, 1236), cell.seeds());
        assertEquals(87.70, cell.ours());
        // s = 0.3; 4.302653 * 0.3 / sqrt(3) = 0.745241
        assertEquals(0.745241, cell.interval().halfWidth(), 1e-6);
        assertEquals(0.75, cell.halfWidth());
        assertEquals(3, t.filledCells(), "three seeds are three results");

        String html = t.toHtml();
        assertTrue(
                html.contains(
                        "<td style=\"text-align:right\" title=\"seed 1234: 87.70; seed 1235: 87.40; seed 1236: 88.00\">"
                                + "87.70 ± 0.75 (n=3)</td>"),
                html);
        String md = t.toMarkdown();
        assertTrue(md.contains("| ViT-tiny | 87.70 ± 0.75 (n=3) |"), md);
        assertTrue(
                md.contains(
                        "ViT-tiny / Fashion-MNIST: 3 seeds: seed 1234 87.70 (run q-vit-1234, best epoch 1 of 2);"
                                + " seed 1235 87.40 (run q-vit-1235, best epoch 1 of 2); seed 1236 88.00 (run q-vit-1236, best epoch 1 of 2)."),
                md);
        assertTrue(t.toString().contains("87.70 ± 0.75 (n=3)"), t.toString());

        Path out = tmp.resolve("out");
        t.write(out);
        Table csv =
                Table.read()
                        .usingOptions(
                                CsvReadOptions.builder(out.resolve("table1-quick.csv").toFile())
                                        .columnTypes(
                                                name ->
                                                        name.endsWith("_ours")
                                                                        || name.endsWith("_ci95")
                                                                        || name.endsWith("_n")
                                                                ? ColumnType.DOUBLE
                                                                : ColumnType.STRING));
        assertEquals(87.70, csv.doubleColumn("fashion_mnist_ours").get(0), 1e-9);
        assertEquals(0.75, csv.doubleColumn("fashion_mnist_ci95").get(0), 1e-9);
        assertEquals(3.0, csv.doubleColumn("fashion_mnist_n").get(0), 1e-9);
        assertEquals("1234;1235;1236", csv.stringColumn("fashion_mnist_seeds").get(0));
        assertEquals("87.70;87.40;88.00", csv.stringColumn("fashion_mnist_values").get(0));
        assertEquals(
                "q-vit-1234;q-vit-1235;q-vit-1236", csv.stringColumn("fashion_mnist_run").get(0));
        assertEquals("not run", csv.stringColumn("fashion_mnist_run").get(1));
        assertEquals(3, FilledCells.inCsv(out.resolve("table1-quick.csv"), null).getAsInt());
        assertTrue(Files.readString(out.resolve("table1-quick.md")).contains("seed 1236 88.00"));
    }

    @Test
    void theNewestRunOfEachSeedFillsTheCell() throws IOException {
        Path runs = tmp.resolve("results/runs");
        quick(runs, "vit", 1234, 80.00);
        Files.setLastModifiedTime(
                runs.resolve("q-vit-1234/summary.json"),
                FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        write(
                runs,
                "q-vit-1234-again",
                "quick",
                1,
                "fashion_mnist",
                "vit",
                null,
                "full",
                1234,
                87.70);
        quick(runs, "vit", 1235, 87.40);
        CellResult cell =
                ResultTables.table1(runs, "quick")
                        .row("ViT-tiny")
                        .orElseThrow()
                        .cell(FashionMnistRecipe.DATASET);
        assertEquals(
                List.of("q-vit-1234-again", "q-vit-1235"),
                cell.runs().stream().map(r -> r.summary().runId()).toList());
        assertEquals(3, cell.candidates());
        assertEquals(87.55, cell.ours());
    }

    @Test
    void thePaperProfileSaysWhetherThePapersValueLiesInsideOurInterval() throws IOException {
        Path runs = tmp.resolve("results/runs");
        // ViT-B on Caltech101, paper 97.61: 97.2 ± 0.50 reaches 97.697, so the paper's value is
        // inside
        for (int k = 0; k < 3; k++) {
            write(
                    runs,
                    "p-vit-" + k,
                    "paper",
                    1,
                    "caltech101",
                    "vit",
                    null,
                    "full",
                    1234 + k,
                    97.0 + 0.2 * k);
        }
        // ViT-B on Pets, paper 94.19: 93.0 ± 0.50 ends at 93.497, below it by 1.19
        for (int k = 0; k < 3; k++) {
            write(
                    runs,
                    "p-vit-pets-" + k,
                    "paper",
                    1,
                    "oxford_pets",
                    "vit",
                    null,
                    "full",
                    1234 + k,
                    92.8 + 0.2 * k);
        }
        // Ours on Caltech101, paper 97.54: 98.1 ± 0.50 starts at 97.603, above it
        for (int k = 0; k < 3; k++) {
            write(
                    runs,
                    "p-ivit-" + k,
                    "paper",
                    1,
                    "caltech101",
                    "instruction-vit",
                    "text",
                    "full",
                    1234 + k,
                    97.9 + 0.2 * k);
        }
        // Ours on Pets: one seed, no interval
        write(
                runs,
                "p-ivit-pets",
                "paper",
                1,
                "oxford_pets",
                "instruction-vit",
                "text",
                "full",
                1234,
                94.0);
        ResultTable t = ResultTables.table1(runs, "paper");
        RowResult vit = t.row("ViT-B").orElseThrow();
        RowResult ours = t.row("Ours (ViT-B)").orElseThrow();
        assertEquals(PaperVerdict.Kind.INSIDE, vit.cell(Caltech101Recipe.DATASET).verdict().kind());
        assertEquals("paper inside", vit.cell(Caltech101Recipe.DATASET).verdict().text());
        assertEquals("ours below by 1.19", vit.cell(OxfordPetsRecipe.DATASET).verdict().text());
        assertEquals(-1.19, vit.cell(OxfordPetsRecipe.DATASET).verdict().difference());
        assertEquals("ours above by 0.56", ours.cell(Caltech101Recipe.DATASET).verdict().text());
        assertEquals("n=1: no interval", ours.cell(OxfordPetsRecipe.DATASET).verdict().text());
        assertEquals(
                "", vit.cell(StanfordCarsRecipe.DATASET).verdict().text(), "not run: no verdict");
        assertEquals(1, t.cellsAgreeing());
        assertEquals(3, t.cellsJudged());
        String footer =
                "Agreement with the paper: its value lies inside our 95% interval in 1 of 3 cell(s) with two or more"
                        + " seeds; 1 cell(s) with one seed have no interval.";
        assertTrue(t.provenance().contains(footer), t.provenance().toString());
        assertTrue(t.toHtml().contains(footer));
        String md = t.toMarkdown();
        assertTrue(
                md.contains(
                        "| ViT-B | 97.61 / 97.20 ± 0.50 (n=3) -0.41, paper inside | 94.19 / 93.00 ± 0.50 (n=3) -1.19,"
                                + " ours below by 1.19 | 90.90 / not run |"),
                md);
        // the paper's EfficientNet-B3 flag and the rows we do not train are still there
        assertTrue(md.contains("| EfficientNet-B3 [2] | 97.59 / not run |"), md);
        assertTrue(md.contains("Inconsistent as printed"), md);
        assertEquals(12, t.rows().size());
    }

    @Test
    void thePairedDifferenceOfAClaimUsesTheSeedsBothHave() throws IOException {
        Path runs = tmp.resolve("results/runs");
        double[] vit = {87.70, 87.40, 88.00};
        double[] ivit = {87.64, 87.90, 88.30};
        for (int k = 0; k < 3; k++) {
            quick(runs, "vit", 1234 + k, vit[k]);
            quick(runs, "instruction-vit", 1234 + k, ivit[k]);
        }
        quick(runs, "instruction-vit", 1237, 99.0); // no ViT run of this seed: not paired
        List<PairedDifference> claims = PairedDifference.of(ResultTables.table1(runs, "quick"));
        assertEquals(1, claims.size());
        PairedDifference p = claims.get(0);
        assertEquals("Ours (ViT-tiny) − ViT-tiny", p.claim());
        assertEquals(List.of(1234, 1235, 1236), p.seeds());
        assertEquals(-0.06, p.differences().get(0), 1e-9);
        assertEquals(0.50, p.differences().get(1), 1e-9);
        assertEquals(0.30, p.differences().get(2), 1e-9);
        // mean 0.246667, s = 0.283784, 4.302653 * s / sqrt(3) = 0.704958
        assertEquals(0.246667, p.interval().mean(), 1e-6);
        assertEquals(0.704958, p.interval().halfWidth(), 1e-6);
        assertFalse(p.excludesZero());
        assertEquals("no difference shown (CI contains 0)", p.verdict());
        assertEquals("+0.25 ± 0.70 (n=3)", p.interval().signedText());

        PairedDifference better =
                new PairedDifference(
                        1,
                        "quick",
                        FashionMnistRecipe.DATASET,
                        "Ours",
                        "ViT",
                        List.of(1, 2, 3),
                        List.of(0.5, 0.6, 0.7),
                        MeanInterval.of(List.of(0.5, 0.6, 0.7)));
        // mean 0.6, s = 0.1: 0.6 ± 0.248414, wholly above 0
        assertEquals(0.248414, better.interval().halfWidth(), 1e-6);
        assertTrue(better.excludesZero());
        assertEquals("ours better (CI above 0)", better.verdict());
        PairedDifference worse =
                new PairedDifference(
                        1,
                        "quick",
                        FashionMnistRecipe.DATASET,
                        "Ours",
                        "ViT",
                        List.of(1, 2, 3),
                        List.of(-0.5, -0.6, -0.7),
                        MeanInterval.of(List.of(-0.5, -0.6, -0.7)));
        assertEquals("baseline better (CI below 0)", worse.verdict());

        PairedDifferenceTable table = PairedDifferenceTable.of(runs, "quick");
        // Table 1 has one claim; Table 2's three (text, image, mix vs VPT) are not run here
        assertEquals(4, table.rows().size());
        assertEquals(3, table.pairs());
        String html = table.toHtml();
        assertTrue(
                html.contains(
                        "<td>Table 1</td><td>Ours (ViT-tiny) − ViT-tiny</td><td>Fashion-MNIST</td>"
                                + "<td style=\"text-align:right\">+0.25 ± 0.70 (n=3)</td><td>no</td><td>no difference shown (CI contains 0)</td>"
                                + "<td>1234: -0.06; 1235: +0.50; 1236: +0.30</td>"),
                html);
        assertTrue(
                html.contains(
                        "holds on our runs where the interval lies wholly above 0: in 0 of 1 comparison(s)"),
                html);
        assertTrue(
                html.contains(
                        "<td>Ours (ViT-tiny), text − ViT-tiny (VPT)</td><td>Fashion-MNIST</td>"
                                + "<td style=\"text-align:right\">not run</td>"),
                html);
        assertTrue(
                table.toMarkdown()
                        .contains(
                                "| Table 1 | Ours (ViT-tiny) − ViT-tiny | Fashion-MNIST | +0.25 ± 0.70 (n=3) | no |"),
                table.toMarkdown());
        List<Path> files = table.write(tmp.resolve("out"));
        assertEquals(3, PairedDifferenceTable.pairsInCsv(files.get(0)).getAsInt());
        // the chart: one bar per claim and dataset, the 95% half-width as its error bar
        var series = Charts.pairedDifferences(table).getSeries("T1: Ours vs ViT");
        assertEquals(0.246667, series.getYData()[0], 1e-6);
        assertEquals(0.704958, series.getExtraValues()[0], 1e-6);
        var cells = Charts.paperVsOurs(ResultTables.table1(runs, "quick")).get(0).getSeries("ours");
        assertEquals(0.75, cells.getExtraValues()[0], 1e-9); // ViT-tiny's interval, two decimals
        assertEquals(87.70, cells.getYData()[0], 1e-9);
    }

    @Test
    void aPairedDifferenceOfOneSeedHasNoInterval() throws IOException {
        Path runs = tmp.resolve("results/runs");
        quick(runs, "vit", 1234, 87.70);
        quick(runs, "instruction-vit", 1234, 87.64);
        PairedDifference p = PairedDifference.of(ResultTables.table1(runs, "quick")).get(0);
        assertEquals(1, p.n());
        assertEquals(-0.06, p.interval().mean(), 1e-9);
        assertEquals("n=1: no interval", p.verdict());
        assertFalse(p.excludesZero());
    }

    /**
     * The committed quick records: three seeds per cell. ViT {87.99, 87.73, 87.70}: mean 87.8067, s
     * = 0.159478, t(0.975, 2) = 4.302653, half-width 4.302653 · 0.159478 / √3 = 0.3962. Ours
     * (recipe paper) − ViT per seed {-3.42, -2.65, -2.41}: mean -2.826667, s = 0.527668, half-width
     * 1.3108: the interval [-4.137, -1.516] excludes 0 (on this profile ViT is ahead).
     */
    @Test
    void theCommittedQuickRecordsAreCellsOfThreeSeeds() {
        // the checkout's records, not IVIT_RESULTS_DIR's: run-tests points that at a fresh folder
        Path runs = Project.root().resolve("results/runs");
        assertTrue(
                Files.isDirectory(runs.resolve("quick-fashion_mnist-vit-full-72655244")),
                "committed records missing in " + runs);
        ResultTable t1 = ResultTables.table1(runs, "quick");
        CellResult vit = t1.row("ViT-tiny").orElseThrow().cell(FashionMnistRecipe.DATASET);
        assertEquals(List.of(1234, 1235, 1236), vit.seeds());
        assertEquals(List.of(87.99, 87.73, 87.70), vit.values());
        assertEquals(87.81, vit.ours());
        assertEquals(0.3962, vit.interval().halfWidth(), 5e-5);
        assertEquals(0.40, vit.halfWidth());
        assertTrue(t1.toMarkdown().contains("| ViT-tiny | 87.81 ± 0.40 (n=3) |"), t1.toMarkdown());
        PairedDifference claim = PairedDifference.of(t1).get(0);
        assertEquals(List.of(1234, 1235, 1236), claim.seeds());
        assertEquals(-2.826667, claim.interval().mean(), 1e-6);
        assertEquals(1.3108, claim.interval().halfWidth(), 5e-5);
        assertTrue(claim.excludesZero());
    }

    @Test
    void aConfigWithABadSeedNamesTheFile() throws IOException {
        Path runs = tmp.resolve("results/runs");
        quick(runs, "vit", 1234, 87.7);
        Path config = runs.resolve("q-vit-1234/config.json");
        Files.writeString(
                config, Files.readString(config).replace("\"seed\": 1234,", "\"seed\": \"many\","));
        RunRecordException e = assertThrows(RunRecordException.class, () -> RunRecord.scan(runs));
        assertTrue(
                e.getMessage().contains(config.toString())
                        && e.getMessage().contains("seed")
                        && e.getMessage().contains("many"),
                e.getMessage());
    }

    private static void quick(Path runs, String method, int seed, double top1) throws IOException {
        String id = (method.equals("vit") ? "q-vit-" : "q-ivit-") + seed;
        write(
                runs,
                id,
                "quick",
                1,
                "fashion_mnist",
                method,
                method.equals("vit") ? null : "text",
                "full",
                seed,
                top1);
    }

    private static void write(
            Path runs,
            String id,
            String profile,
            int table,
            String dataset,
            String method,
            String prompt,
            String mode,
            int seed,
            double top1)
            throws IOException {
        ExperimentConfig cfg =
                TestRecords.spec(profile, table, dataset, method, null, prompt, mode, seed);
        TestRecords.write(
                runs,
                id,
                prompt == null ? cfg : cfg.with("simLoss", "authors"),
                new RunMetrics(1, 2, top1, 99.0, 88.0, 20.0, 0, 0, true, null),
                "c0ffee");
    }
}
