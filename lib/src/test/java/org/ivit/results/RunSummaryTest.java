package org.ivit.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.results.RunRecord.TrainingMetrics;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.FewShotPlan;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.TuningMode;
import org.ivit.train.FewShotSubset;
import org.ivit.train.RunDirectory;
import org.ivit.train.RunMetrics;
import org.ivit.train.RunProvenance;
import org.ivit.train.RunRecordException;
import org.ivit.train.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class RunSummaryTest {
    @TempDir Path tmp;

    @Test
    void readsEveryFieldAndIgnoresUnknownKeys() {
        RunSummary s =
                RunSummary.read(
                        FixtureRuns.runsDir(tmp).resolve("p-ivit-full-caltech-new/summary.json"));
        assertEquals("p-ivit-full-caltech-new", s.runId());
        assertEquals("paper", s.cfg().profile());
        assertEquals(1, s.cfg().table());
        assertEquals("caltech101", s.cfg().dataset());
        assertEquals(Method.INSTRUCTION_VIT, s.cfg().method());
        assertEquals("text", s.cfg().prompt().kind().id());
        assertEquals(TuningMode.FULL, s.cfg().mode());
        assertEquals("vit_base_patch16_224", s.cfg().backbone());
        assertEquals("openai/clip-vit-base-patch32", s.prompts().clip());
        assertEquals("caltech101", s.prompts().templateSet());
        assertEquals("paper", s.prompts().simLoss());
        assertEquals(5, s.prompts().topK());
        assertEquals("val", s.cfg().selection().id());
        assertEquals(14, s.metrics().bestEpoch());
        assertEquals(20, s.metrics().epochs());
        assertEquals(97.9, s.metrics().testTop1());
        assertEquals(99.6, s.metrics().testTop5());
        assertEquals(97.5, s.metrics().valTop1());
        assertEquals("1a2b3c4d5e6f", s.provenance().commit());
        assertEquals(3600.5, s.metrics().wallSeconds());
        assertEquals(0, s.metrics().badImages());
        assertTrue(s.metrics().finished());
        assertNull(
                s.metrics().fewShot(),
                "a record from before the few-shot protocol has no few_shot");
        assertEquals(0, s.metrics().shots());
    }

    @Test
    void aFewShotRecordRoundTripsItsSubsetAndAFullRunWritesNoFewShotKey() throws IOException {
        FewShotSubset subset =
                new FewShotSubset(
                        16,
                        1235,
                        "splits/fashion_mnist-k16-seed1235/train.csv",
                        "ab".repeat(32),
                        "splits/fashion_mnist-k16-seed1235/val.csv",
                        "cd".repeat(32));
        ExperimentConfig cfg =
                FewShotPlan.of("quick")
                        .config("fashion_mnist", new FewShotPlan.Row(Method.VPT, null), 16, 1235);
        RunSummary s =
                new RunSummary(
                        cfg,
                        new RunMetrics(12, 30, 71.25, 97.5, 72.5, 12.5, 0, 0, true, subset),
                        new RunProvenance(cfg.newRunId(), "abc"));
        RunDirectory dir = new RunDirectory(tmp.resolve("fs"), cfg);
        dir.writeConfig(cfg, org.ivit.train.RunOrigin.ofCommit("abc"));
        s.write(dir.summaryFile());
        RunSummary back = RunSummary.read(dir.summaryFile());
        assertEquals(s, back);
        assertEquals(16, back.metrics().shots());
        assertEquals(1235, back.metrics().fewShot().seed());
        ExperimentConfig fullCfg =
                Profiles.of("quick", "fashion_mnist", Method.VPT, null, TuningMode.PROMPT);
        RunSummary full =
                new RunSummary(
                        fullCfg,
                        new RunMetrics(1, 2, 80.0, 99.0, 81.0, 1.0, 0, 0, true, null),
                        new RunProvenance(fullCfg.newRunId(), "abc"));
        assertTrue(!full.toJson().has("few_shot"), full.toJson().toString());
    }

    /**
     * Every committed record reads with its config.json and writes back byte for byte the
     * summary.json it was read from.
     */
    @Test
    void everyCommittedRecordReadsBackAndWritesTheSameBytes() throws IOException {
        Path results = org.ivit.Project.root().resolve("results");
        int records = 0;
        for (String folder : List.of("runs", "ablations", "pretraining")) {
            try (var dirs = Files.list(results.resolve(folder))) {
                for (Path dir :
                        dirs.filter(d -> Files.isRegularFile(d.resolve("summary.json")))
                                .sorted()
                                .toList()) {
                    Path file = dir.resolve("summary.json");
                    RunSummary s = RunSummary.read(file);
                    assertTrue(Files.isRegularFile(dir.resolve("config.json")), dir.toString());
                    assertEquals(
                            dir.getFileName().toString(),
                            s.provenance().runId(),
                            "the record keeps the id of its folder");
                    Path copy =
                            tmp.resolve("copy").resolve(dir.getFileName()).resolve("summary.json");
                    s.write(copy);
                    assertEquals(Files.readString(file), Files.readString(copy), file.toString());
                    records++;
                }
            }
        }
        assertTrue(
                records >= 44,
                "42 runs, an ablation and the quick pretraining are committed; read " + records);
    }

    @Test
    void aSummaryThatDisagreesWithItsConfigIsRefusedNamingTheKey() throws IOException {
        Path committed = org.ivit.Project.root().resolve("results/runs");
        Path dir;
        try (var dirs = Files.list(committed)) {
            dir =
                    dirs.filter(d -> d.getFileName().toString().contains("instruction-vit"))
                            .sorted()
                            .findFirst()
                            .orElseThrow();
        }
        Path copy = tmp.resolve("edited").resolve(dir.getFileName());
        Files.createDirectories(copy);
        Files.copy(dir.resolve("config.json"), copy.resolve("config.json"));
        Files.writeString(
                copy.resolve("summary.json"),
                Files.readString(dir.resolve("summary.json"))
                        .replaceFirst(
                                "\"template_set\": \"[^\"]*\"", "\"template_set\": \"other7\""));
        RunRecordException e =
                assertThrows(
                        RunRecordException.class,
                        () -> RunSummary.read(copy.resolve("summary.json")));
        assertTrue(
                e.getMessage().startsWith(copy.resolve("summary.json").toString())
                        && e.getMessage()
                                .contains(
                                        "\"template_set\" is \"other7\" but config.json beside it gives"),
                e.getMessage());
    }

    @Test
    void nullableKeysMayBeNullOrAbsent() {
        RunSummary nulls =
                RunSummary.read(
                        FixtureRuns.runsDir(tmp).resolve("p-ivit-prompt-text-pets/summary.json"));
        assertNull(nulls.prompts().topK());
        assertNull(nulls.metrics().valTop1());
        RunSummary absent = RunSummary.read(tmp.resolve("results/runs/p-vpt-pets/summary.json"));
        assertNull(absent.cfg().prompt().kind());
        assertNull(absent.prompts().templateSet());
        assertNull(absent.prompts().simLoss());
        assertNull(absent.prompts().topK());
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
        List<String[]> cases =
                List.of(
                        new String[] {
                            "\"finished\": true",
                            "\"finished\": \"yes\"",
                            "\"finished\" must be true or false"
                        },
                        new String[] {
                            "\"best_epoch\": 14",
                            "\"best_epoch\": 14.5",
                            "\"best_epoch\" must be an integer"
                        },
                        new String[] {
                            "\"method\": \"instruction-vit\"",
                            "\"method\": \"deit\"",
                            "no valid spec: unknown method 'deit'"
                        },
                        new String[] {
                            "\"profile\": \"paper\"",
                            "\"profile\": \"full\"",
                            "\"profile\" is \"full\""
                        },
                        new String[] {"\"table\": 1", "\"table\": 4", "table = '4'"},
                        new String[] {
                            "\"table\": 1",
                            "\"table\": 3",
                            "a few-shot record (\"table\": 3) needs \"few_shot\""
                        },
                        new String[] {
                            "\"finished\": true",
                            "\"finished\": true, \"few_shot\": 16",
                            "\"few_shot\" must be an object"
                        },
                        new String[] {
                            "\"finished\": true",
                            "\"finished\": true, \"few_shot\": {\"shots\": 0}",
                            "must be >= 1, got 0"
                        },
                        new String[] {
                            "\"finished\": true",
                            "\"finished\": true, \"few_shot\": {\"shots\": 4, \"seed\": 1}",
                            "missing required key \"train_split\""
                        },
                        new String[] {
                            "\"test_top1\": 97.9", "\"test_top1\": 979", "percentage in 0..100"
                        },
                        new String[] {
                            "\"run_id\": \"p-ivit-full-caltech-new\"",
                            "\"run_id\": null",
                            "\"run_id\" must not be null"
                        },
                        new String[] {
                            "\"commit\": \"1a2b3c4d5e6f\"",
                            "\"commit\": 12",
                            "\"commit\" must be a string"
                        });
        for (String[] c : cases) {
            Path file = variant(c[0], c[1]);
            RunRecordException e =
                    assertThrows(RunRecordException.class, () -> RunSummary.read(file), c[1]);
            assertTrue(
                    e.getMessage().contains(c[2]) && e.getMessage().contains(file.toString()),
                    e.getMessage());
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
        RunRecordException e =
                assertThrows(RunRecordException.class, () -> TrainingMetrics.read(csv));
        assertTrue(
                e.getMessage().startsWith(csv.toString()) && e.getMessage().contains("val_top1"),
                e.getMessage());
    }

    // The fixture summary, on one line, with one piece of text replaced.
    private Path variant(String from, String to) throws IOException {
        String json;
        try (var in =
                RunSummaryTest.class.getResourceAsStream(
                        "runs/p-ivit-full-caltech-new/summary.json")) {
            json =
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .replaceAll("\\s+", " ");
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
