package org.ivit.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class RunSummaryTest {
    @TempDir
    Path tmp;

    @Test
    void readsEveryFieldAndIgnoresUnknownKeys() {
        RunSummary s = RunSummary.read(FixtureRuns.runsDir(tmp).resolve("p-ivit-full-caltech-new/summary.json"));
        assertEquals("p-ivit-full-caltech-new", s.runId());
        assertEquals("paper", s.profile());
        assertEquals(1, s.table());
        assertEquals("caltech101", s.dataset());
        assertEquals("instruction-vit", s.method());
        assertEquals("text", s.prompt());
        assertEquals("full", s.mode());
        assertEquals("vit_base_patch16_224", s.backbone());
        assertEquals("openai/clip-vit-base-patch32", s.clip());
        assertEquals("caltech34", s.templateSet());
        assertEquals("paper", s.simLoss());
        assertEquals(5, s.topK());
        assertEquals("val", s.selection());
        assertEquals(14, s.bestEpoch());
        assertEquals(20, s.epochs());
        assertEquals(97.9, s.testTop1());
        assertEquals(99.6, s.testTop5());
        assertEquals(97.5, s.valTop1());
        assertEquals("1a2b3c4d5e6f", s.commit());
        assertEquals(3600.5, s.wallSeconds());
        assertEquals(0, s.badImages());
        assertTrue(s.finished());
        assertNull(s.fewShot(), "a record from before the few-shot protocol has no few_shot");
        assertEquals(0, s.shots());
    }

    @Test
    void aFewShotRecordRoundTripsItsSubsetAndAFullRunWritesNoFewShotKey() throws IOException {
        RunSummary.FewShot subset = new RunSummary.FewShot(16, 1235, "splits/fashion_mnist-k16-seed1235/train.csv",
                "ab".repeat(32), "splits/fashion_mnist-k16-seed1235/val.csv", "cd".repeat(32));
        RunSummary s = new RunSummary("quick-fashion_mnist-vpt-prompt-k16-0000", "quick", 3, "fashion_mnist", "vpt", null,
                "prompt", "quick", "n/a", null, null, null, "val", 12, 30, 71.25, 97.5, 72.5, "abc", 12.5, 0, 0, true, subset);
        Path file = tmp.resolve("fs/summary.json");
        s.write(file);
        RunSummary back = RunSummary.read(file);
        assertEquals(s, back);
        assertEquals(16, back.shots());
        assertEquals(1235, back.fewShot().seed());
        RunSummary full = new RunSummary("r", "quick", 2, "fashion_mnist", "vpt", null, "prompt", "quick", "n/a", null, null, null,
                "val", 1, 2, 80.0, 99.0, 81.0, "abc", 1.0, 0, 0, true);
        assertTrue(!full.toJson().has("few_shot"), full.toJson().toString());
    }

    @Test
    void nullableKeysMayBeNullOrAbsent() {
        RunSummary nulls = RunSummary.read(FixtureRuns.runsDir(tmp).resolve("p-ivit-prompt-text-pets/summary.json"));
        assertNull(nulls.topK());
        assertNull(nulls.valTop1());
        RunSummary absent = RunSummary.read(tmp.resolve("results/runs/p-vpt-pets/summary.json"));
        assertNull(absent.prompt());
        assertNull(absent.templateSet());
        assertNull(absent.simLoss());
        assertNull(absent.topK());
    }

    @Test
    void aMissingRequiredKeyIsNamedWithTheFile() throws IOException {
        Path file = variant("\"test_top1\": 97.9,", "");
        RunRecordException e = assertThrows(RunRecordException.class, () -> RunSummary.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("missing required key \"test_top1\""), e.getMessage());
        assertEquals(file, e.file());
    }

    @Test
    void wrongTypesAndValuesAreRejected() throws IOException {
        List<String[]> cases = List.of(
                new String[] {"\"finished\": true", "\"finished\": \"yes\"", "\"finished\" must be true or false"},
                new String[] {"\"best_epoch\": 14", "\"best_epoch\": 14.5", "\"best_epoch\" must be an integer"},
                new String[] {"\"method\": \"instruction-vit\"", "\"method\": \"deit\"", "\"method\" is \"deit\"; expected one of"},
                new String[] {"\"profile\": \"paper\"", "\"profile\": \"full\"", "\"profile\" is \"full\""},
                new String[] {"\"table\": 1", "\"table\": 4", "\"table\" must be 1, 2 or 3 (few-shot), got 4"},
                new String[] {"\"table\": 1", "\"table\": 3", "a few-shot record (\"table\": 3) needs \"few_shot\""},
                new String[] {"\"finished\": true", "\"finished\": true, \"few_shot\": 16", "\"few_shot\" must be an object"},
                new String[] {"\"finished\": true", "\"finished\": true, \"few_shot\": {\"shots\": 0}", "must be >= 1, got 0"},
                new String[] {"\"finished\": true", "\"finished\": true, \"few_shot\": {\"shots\": 4, \"seed\": 1}",
                    "missing required key \"train_split\""},
                new String[] {"\"test_top1\": 97.9", "\"test_top1\": 979", "percentage in 0..100"},
                new String[] {"\"run_id\": \"p-ivit-full-caltech-new\"", "\"run_id\": null", "\"run_id\" must not be null"},
                new String[] {"\"commit\": \"1a2b3c4d5e6f\"", "\"commit\": 12", "\"commit\" must be a string"});
        for (String[] c : cases) {
            Path file = variant(c[0], c[1]);
            RunRecordException e = assertThrows(RunRecordException.class, () -> RunSummary.read(file), c[1]);
            assertTrue(e.getMessage().contains(c[2]) && e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    @Test
    void brokenJsonNamesTheFile() throws IOException {
        Path file = tmp.resolve("broken.json");
        Files.writeString(file, "{\"run_id\": ");
        RunRecordException e = assertThrows(RunRecordException.class, () -> RunSummary.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not valid JSON"), e.getMessage());
    }

    @Test
    void scanSkipsFoldersWithoutASummaryAndToleratesAMissingFolder() throws IOException {
        Path runs = FixtureRuns.runsDir(tmp);
        Files.createDirectories(runs.resolve("still-starting"));
        assertEquals(9, RunRecord.scan(runs).size());
        assertEquals(List.of(), RunRecord.scan(tmp.resolve("no-runs-yet")));
    }

    @Test
    void readsMetricsWithAnEmptyValidationColumn() {
        Table m = RunRecord.read(FixtureRuns.runsDir(tmp).resolve("q-vit-fmnist")).metrics();
        assertEquals(3, m.rowCount());
        assertEquals(TrainingMetrics.COLUMNS, m.columnNames());
        assertEquals(0.5, m.doubleColumn("train_loss").get(2));
        assertEquals(3, m.doubleColumn("val_top1").countMissing());
    }

    @Test
    void metricsWithAMissingColumnNameTheFile() throws IOException {
        Path csv = tmp.resolve("run/metrics.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, "epoch,train_loss,lr\n1,0.5,0.001\n");
        RunRecordException e = assertThrows(RunRecordException.class, () -> TrainingMetrics.read(csv));
        assertTrue(e.getMessage().startsWith(csv.toString()) && e.getMessage().contains("val_top1"), e.getMessage());
    }

    // The fixture summary, on one line, with one piece of text replaced.
    private Path variant(String from, String to) throws IOException {
        String json;
        try (var in = RunSummaryTest.class.getResourceAsStream("runs/p-ivit-full-caltech-new/summary.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        }
        if (!json.contains(from)) {
            throw new IllegalStateException("fixture lacks " + from + ": " + json);
        }
        Path file = tmp.resolve("variant-" + Math.abs((from + to).hashCode()) + "/summary.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json.replace(from, to));
        return file;
    }
}
