package org.ivit.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.Project;
import org.ivit.data.BenchmarkDataset;
import org.ivit.data.Datasets;
import org.ivit.results.PaperNumbers.PaperRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every printed cell, typed here a second time from the paper (FACTS.md §1) independently of the
 * CSV files, so that a typo in either copy fails.
 */
class PaperNumbersTest {
    // model, Caltech101, Pets, Cars, Flowers, Average
    private static final Object[][] TABLE1 = {
        {"ViT-B", 97.61, 94.19, 90.90, 99.59, 95.57},
        {"DeiT-B", 96.87, 94.71, 89.85, 96.28, 94.43},
        {"CaiT-S-24", 96.56, 94.27, 91.06, 96.43, 94.58},
        {"PiT-B", 96.73, 95.29, 91.59, 97.25, 95.22},
        {"ResNet-50", 95.55, 92.47, 87.23, 82.93, 89.54},
        {"ResNet-101", 96.72, 93.18, 87.60, 85.76, 90.82},
        {"ResNet-152", 97.08, 93.04, 87.60, 88.64, 91.59},
        {"EfficientNet-B0", 88.74, 86.41, 83.42, 68.98, 81.89},
        {"EfficientNet-B1", 91.59, 87.99, 85.10, 75.28, 84.99},
        {"EfficientNet-B2", 93.48, 89.17, 84.45, 78.11, 86.30},
        {"EfficientNet-B3", 97.59, 88.43, 84.01, 99.59, 86.56},
        {"Ours (ViT-B)", 97.54, 94.19, 91.08, 99.56, 95.59},
    };

    // model, prompt, Caltech101, Pets, Cars, Flowers, Average
    private static final Object[][] TABLE2 = {
        {"ViT-B (VPT)", "–", 73.83, 81.69, 46.93, 58.76, 65.30},
        {"Ours (ViT-B)", "text", 79.81, 84.74, 65.75, 63.20, 73.38},
        {"Ours (ViT-B)", "image", 80.85, 84.58, 66.06, 60.42, 72.98},
        {"Ours (ViT-B)", "mix", 79.78, 84.39, 66.11, 61.10, 72.85},
    };

    @Test
    void table1HasEveryPrintedCell() {
        checkCells(PaperNumbers.bundled().table1(), TABLE1, 1);
    }

    @Test
    void table2HasEveryPrintedCell() {
        checkCells(PaperNumbers.bundled().table2(), TABLE2, 2);
    }

    @Test
    void theResultsFolderCopyIsTheBundledCopy() throws IOException {
        Path paper = Project.root().resolve("results/paper");
        for (String name : List.of("table1.csv", "table2.csv")) {
            try (InputStream bundled =
                    PaperNumbers.class.getResourceAsStream("/org/ivit/results/paper/" + name)) {
                assertArrayEquals(
                        Files.readAllBytes(paper.resolve(name)),
                        bundled.readAllBytes(),
                        "results/paper/" + name + " and the bundled copy differ");
            }
        }
        checkCells(PaperNumbers.load(paper).table1(), TABLE1, 1);
        assertEquals(
                "results/paper",
                PaperNumbers.load(paper).source(),
                "inside the checkout the source is named relative to it");
    }

    @Test
    void fallsBackToTheBundledCopyWithoutAFolder(@TempDir Path tmp) {
        PaperNumbers numbers = PaperNumbers.load(tmp.resolve("nowhere"));
        assertTrue(numbers.source().startsWith("classpath:"));
        checkCells(numbers.table2(), TABLE2, 2);
    }

    @Test
    void onlyEfficientNetB3HasAnAverageThatIsNotItsRowMean() {
        List<PaperRow> mismatches = PaperNumbers.bundled().averageMismatches();
        assertEquals(List.of("EfficientNet-B3"), mismatches.stream().map(PaperRow::model).toList());
        PaperRow b3 = mismatches.get(0);
        assertEquals(92.405, b3.meanOfRow().doubleValue(), 1e-9);
        assertTrue(b3.notes().contains("86.56") && b3.notes().contains("typo"), b3.notes());
    }

    @Test
    void exactHalvesMayRoundEitherWay() {
        PaperRow resnet50 = PaperNumbers.bundled().find(1, "ResNet-50", null).orElseThrow();
        assertEquals(89.545, resnet50.meanOfRow().doubleValue(), 1e-9);
        assertTrue(resnet50.averageMatchesRow());
        assertTrue(
                PaperNumbers.bundled()
                        .find(2, "Ours (ViT-B)", "mix")
                        .orElseThrow()
                        .averageMatchesRow());
    }

    private static void checkCells(List<PaperRow> rows, Object[][] expected, int table) {
        assertEquals(expected.length, rows.size(), "rows of Table " + table);
        int first = table == 1 ? 1 : 2;
        for (int i = 0; i < expected.length; i++) {
            PaperRow row = rows.get(i);
            Object[] e = expected[i];
            assertEquals(e[0], row.model());
            if (table == 2) {
                assertEquals(e[1], row.prompt(), row.model());
            }
            List<BenchmarkDataset> datasets = Datasets.paper();
            for (int d = 0; d < datasets.size(); d++) {
                assertEquals(
                        (double) e[first + d],
                        row.value(datasets.get(d)),
                        0.0,
                        row.label() + " / " + datasets.get(d).label());
            }
            assertEquals((double) e[first + 4], row.average(), 0.0, row.label() + " / average");
        }
    }
}
