package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ivit.results.RunRecord;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.TuningMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged run records: each is refused with a message naming the file and the field, and the run's
 * files are left exactly as they were (no completed run is lost or overwritten).
 */
class RunRecordBadInputTest {
    @TempDir Path runs;

    private static JsonObject train(ExperimentConfig cfg, Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            return new TrainingEngine(
                            SyntheticRuns.input(cfg, SyntheticRuns.data(m, 64)),
                            TrainingReporter.quiet(System.out))
                    .run(dir)
                    .toJson();
        }
    }

    private static ExperimentConfig vit() {
        return SyntheticRuns.config(Method.VIT, null, TuningMode.FULL)
                .with("epochs", "1")
                .with("warmupEpochs", "0");
    }

    /** Every file of a folder with its bytes, to show nothing was changed. */
    private static Map<String, byte[]> snapshot(Path dir) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertUnchanged(Map<String, byte[]> before, Path dir) throws Exception {
        Map<String, byte[]> after = snapshot(dir);
        assertEquals(before.keySet(), after.keySet());
        for (String name : before.keySet()) {
            assertArrayEquals(before.get(name), after.get(name), name);
        }
    }

    @Test
    void aTruncatedSummaryIsRefusedNamingTheFileAndTheRunIsKept() throws Exception {
        ExperimentConfig cfg = vit();
        train(cfg, runs);
        Path dir = runs.resolve(cfg.newRunId());
        String full = Files.readString(dir.resolve("summary.json"));
        Files.writeString(dir.resolve("summary.json"), full.substring(0, full.length() / 2));
        Map<String, byte[]> before = snapshot(dir);
        RunRecordException e = assertThrows(RunRecordException.class, () -> train(cfg, runs));
        assertEquals(dir.resolve("summary.json"), e.file());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertUnchanged(before, dir);
        RunRecordException read =
                assertThrows(RunRecordException.class, () -> RunRecord.scan(runs));
        assertEquals(dir.resolve("summary.json"), read.file());
    }

    @Test
    void aSummaryOfAnotherSchemaIsRefusedNamingSchemaVersion() throws Exception {
        ExperimentConfig cfg = vit();
        train(cfg, runs);
        Path dir = runs.resolve(cfg.newRunId());
        Path summary = dir.resolve("summary.json");
        Files.writeString(
                summary,
                Files.readString(summary)
                        .replace("\"schema_version\": 2", "\"schema_version\": 9"));
        Map<String, byte[]> before = snapshot(dir);
        RunRecordException e = assertThrows(RunRecordException.class, () -> train(cfg, runs));
        assertTrue(
                e.getMessage().startsWith(summary + ": \"schema_version\" is 9"), e.getMessage());
        assertUnchanged(before, dir);
        assertThrows(RunRecordException.class, () -> RunRecord.read(dir));
    }

    @Test
    void aSummaryWithoutFinishedIsRefusedNamingTheField() throws Exception {
        ExperimentConfig cfg = vit();
        train(cfg, runs);
        Path dir = runs.resolve(cfg.newRunId());
        Path summary = dir.resolve("summary.json");
        Files.writeString(
                summary, Files.readString(summary).replace("\"finished\": true", "\"done\": true"));
        Map<String, byte[]> before = snapshot(dir);
        RunRecordException e = assertThrows(RunRecordException.class, () -> train(cfg, runs));
        assertTrue(e.getMessage().contains("\"finished\""), e.getMessage());
        assertUnchanged(before, dir);
    }

    @Test
    void theEngineWritesTheRecordTheResultsReaderReadsAndAnOlderRecordStillReads()
            throws Exception {
        ExperimentConfig cfg =
                SyntheticRuns.config(Method.INSTRUCTION_VIT, "text", TuningMode.FULL)
                        .with("epochs", "1")
                        .with("warmupEpochs", "0");
        JsonObject written = train(cfg, runs);
        Path dir = runs.resolve(cfg.newRunId());
        RunSummary read = RunRecord.read(dir).summary();
        assertEquals(written, read.toJson(), "written and read by the same code");
        assertEquals(RunSummary.SCHEMA_VERSION, written.get("schema_version").getAsInt());
        // a record of the first schema: no schema_version
        Path summary = dir.resolve("summary.json");
        Files.writeString(summary, Files.readString(summary).replace("\"schema_version\": 2,", ""));
        assertEquals(read, RunRecord.read(dir).summary());
        assertTrue(new RunDirectory(runs, cfg).finished());
    }

    @Test
    void metricsWithAMissingRowAreRefusedOnResumeNamingTheEpoch() throws Exception {
        ExperimentConfig cfg = SyntheticRuns.config(Method.VIT, null, TuningMode.FULL);
        train(cfg, runs);
        Path dir = runs.resolve(cfg.newRunId());
        Files.delete(dir.resolve("summary.json")); // as if killed after the last epoch's checkpoint
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("metrics.csv")));
        lines.remove(1); // epoch 0
        Files.write(dir.resolve("metrics.csv"), lines);
        Map<String, byte[]> before = snapshot(dir);
        RunRecordException e = assertThrows(RunRecordException.class, () -> train(cfg, runs));
        assertEquals(dir.resolve("metrics.csv"), e.file());
        assertTrue(
                e.getMessage().contains("column epoch")
                        && e.getMessage().contains("where epoch 0 was expected"),
                e.getMessage());
        assertUnchanged(before, dir);
    }

    @Test
    void metricsWithTheLastRowMissingAreRefusedOnResume() throws Exception {
        ExperimentConfig cfg = SyntheticRuns.config(Method.VIT, null, TuningMode.FULL);
        train(cfg, runs);
        Path dir = runs.resolve(cfg.newRunId());
        Files.delete(dir.resolve("summary.json"));
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("metrics.csv")));
        lines.remove(lines.size() - 1);
        Files.write(dir.resolve("metrics.csv"), lines);
        Map<String, byte[]> before = snapshot(dir);
        RunRecordException e = assertThrows(RunRecordException.class, () -> train(cfg, runs));
        assertTrue(
                e.getMessage().contains("the row of epoch 1 (column epoch) is missing"),
                e.getMessage());
        assertUnchanged(before, dir);
    }

    @Test
    void aMetricsCellThatIsNotANumberIsNamedByLineAndColumn() throws Exception {
        ExperimentConfig cfg = SyntheticRuns.config(Method.VIT, null, TuningMode.FULL);
        train(cfg, runs);
        Path dir = runs.resolve(cfg.newRunId());
        Files.delete(dir.resolve("summary.json"));
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("metrics.csv")));
        String[] f = lines.get(2).split(",", -1);
        f[3] = "abc";
        lines.set(2, String.join(",", f));
        Files.write(dir.resolve("metrics.csv"), lines);
        Map<String, byte[]> before = snapshot(dir);
        RunRecordException e = assertThrows(RunRecordException.class, () -> train(cfg, runs));
        assertTrue(e.getMessage().contains("line 3: column val_top1 is 'abc'"), e.getMessage());
        assertUnchanged(before, dir);
    }

    @Test
    void aCheckpointOfAnotherModelIsRefusedNamingTheFileAndTheParameter() throws Exception {
        ExperimentConfig vit = vit();
        train(vit, runs.resolve("other"));
        ExperimentConfig ivit =
                SyntheticRuns.config(Method.INSTRUCTION_VIT, "text", TuningMode.FULL);
        Path dir = runs.resolve(ivit.newRunId());
        Path last = dir.resolve("checkpoints/last.safetensors");
        Files.createDirectories(last.getParent());
        Files.copy(
                runs.resolve("other")
                        .resolve(vit.newRunId())
                        .resolve("checkpoints/last.safetensors"),
                last);
        byte[] bytes = Files.readAllBytes(last);
        CheckpointMismatchException e =
                assertThrows(CheckpointMismatchException.class, () -> train(ivit, runs));
        assertEquals(last, e.file());
        assertTrue(e.getMessage().contains("parameter " + e.parameter() + " "), e.getMessage());
        assertTrue(e.getMessage().contains("checkpoint of another model"), e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(last), "the checkpoint is kept");
        assertTrue(Files.notExists(dir.resolve("summary.json")));
    }

    @Test
    void aCheckpointWithOtherShapesNamesTheShapes() throws Exception {
        ExperimentConfig small = vit();
        Path other = runs.resolve("other");
        train(small, other);
        Path last = runs.resolve("x.safetensors");
        Files.copy(other.resolve(small.newRunId()).resolve("checkpoints/last.safetensors"), last);
        ExperimentConfig wide = small.with("imageSize", "64");
        try (NDManager m = NDManager.newBaseManager()) {
            ModelFactory.Built built =
                    ModelFactory.build(wide, SyntheticRuns.CLASSES, null, 0, null);
            try (ai.djl.Model model = built.model()) {
                CheckpointMismatchException e =
                        assertThrows(
                                CheckpointMismatchException.class,
                                () -> Checkpoint.load(last, built.parameters(), null));
                assertTrue(e.getMessage().contains("has shape"), e.getMessage());
            }
        }
    }
}
