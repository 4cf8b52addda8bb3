package org.ivit.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.backbone.Backbones;
import org.ivit.data.prepare.Caltech101Recipe;
import org.ivit.results.PaperNumbers.PaperRow;
import org.ivit.results.ResultTable.CellResult;
import org.ivit.results.ResultTables.ReproducedRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table 1's ten baseline rows come from the backbone registry; a baseline run fills its own row,
 * and only that.
 */
class Table1BaselineRowsTest {
    @TempDir Path tmp;

    @Test
    void everyPaperRowOfTable1IsAReproducedRow() {
        List<PaperRow> paper = PaperNumbers.bundled().table1();
        assertEquals(12, paper.size());
        for (PaperRow p : paper) {
            assertTrue(
                    ReproducedRow.forPaperRow(p).isPresent(), p.model() + " has no reproduced row");
        }
        assertEquals(
                Backbones.table1().size() + 2,
                ReproducedRow.TABLE1.size(),
                "ViT-B/16 backs ViT-B, Ours and Ours under the authors' recipe");
        assertEquals(
                1,
                ReproducedRow.TABLE1.stream()
                        .filter(r -> r.model().equals(ReproducedRow.AUTHORS_MODEL))
                        .count());
    }

    @Test
    void aResNet50RunFillsTheResNet50RowBesideThePapersNumberAndNothingElse() throws IOException {
        Path runs = FixtureRuns.runsDir(tmp);
        JsonObject s =
                JsonParser.parseString(Files.readString(runs.resolve("p-vit-caltech/summary.json")))
                        .getAsJsonObject();
        s.addProperty("method", "classifier");
        s.addProperty("backbone", "resnet50");
        s.addProperty("test_top1", 95.0);
        s.addProperty("run_id", "paper-caltech101-resnet50-full-cd9fac60");
        Path dir = Files.createDirectories(runs.resolve("paper-caltech101-resnet50-full-cd9fac60"));
        Files.writeString(dir.resolve("summary.json"), s.toString());

        ResultTable t = ResultTables.table1(runs, "paper");
        assertEquals(12, t.rows().size());
        CellResult resnet = t.row("ResNet-50").orElseThrow().cell(Caltech101Recipe.DATASET);
        assertEquals(95.00, resnet.ours());
        assertEquals(95.55, resnet.paper());
        assertEquals(-0.55, resnet.delta());
        assertFalse(t.row("ResNet-101").orElseThrow().cell(Caltech101Recipe.DATASET).isRun());
        assertEquals(
                97.20,
                t.row("ViT-B").orElseThrow().cell(Caltech101Recipe.DATASET).ours(),
                "the ViT row keeps its own run");
        assertTrue(
                t.row("EfficientNet-B3").orElseThrow().paperNotes().contains("Inconsistent"),
                "the B3 average stays flagged");
        assertEquals(
                2,
                ResultTables.table1(runs, "quick").rows().size(),
                "the quick profile keeps its two Table 1 rows");
    }
}
