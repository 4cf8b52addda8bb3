package org.ivit.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ivit.Project;
import org.ivit.io.FileDigest;
import org.ivit.prompt.ToyDataset;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.TuningMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed quick backbone is the one its record and pinned hash describe, and only it is
 * loaded.
 */
class QuickBackboneTest {
    @TempDir Path dir;

    @Test
    void theCommittedFileHasThePinnedHashAndItsRecordItsRunId() throws IOException {
        Path record =
                Project.root().resolve("results/pretraining/quick-fashion_mnist-vit-full-0083c40b");
        assertEquals(record, QuickBackbone.committedRecord());
        Path file = record.resolve("backbone.safetensors");
        assertEquals(4_879_840L, Files.size(file));
        assertEquals(QuickBackbone.SHA256, FileDigest.sha256(file));
        assertEquals(
                QuickBackbone.SHA256 + "  backbone.safetensors",
                Files.readString(record.resolve("backbone.safetensors.sha256")).strip());
        JsonObject config =
                JsonParser.parseString(Files.readString(record.resolve("config.json")))
                        .getAsJsonObject();
        assertEquals(QuickBackbone.runId(), config.get("run_id").getAsString());
        assertEquals(
                "quick-fashion_mnist-vit-full-0083c40b",
                QuickBackbone.runId(),
                "the id stored when it was made");
        assertEquals(QuickPretraining.EPOCHS, config.get("epochs").getAsInt());
        JsonObject summary =
                JsonParser.parseString(Files.readString(record.resolve("summary.json")))
                        .getAsJsonObject();
        assertEquals(88.04, summary.get("test_top1").getAsDouble());
        assertTrue(summary.get("finished").getAsBoolean());
    }

    @Test
    void aResultsFolderWithoutItsOwnCopyGetsTheCommittedOne() throws IOException {
        assertEquals(
                QuickBackbone.committedRecord().resolve("backbone.safetensors"),
                QuickBackbone.verified(dir.resolve("fresh")));
    }

    @Test
    void aCopyInTheResultsFolderIsUsedWhenItsHashMatches() throws IOException {
        Path copy =
                Files.createDirectories(QuickBackbone.recordIn(dir))
                        .resolve("backbone.safetensors");
        Files.copy(QuickBackbone.committedRecord().resolve("backbone.safetensors"), copy);
        assertEquals(copy, QuickBackbone.verified(dir));
    }

    @Test
    void aBackboneWithAnotherHashIsRefusedNamingTheFileAndBothHashes() throws IOException {
        Path other =
                Files.createDirectories(QuickBackbone.recordIn(dir))
                        .resolve("backbone.safetensors");
        Files.writeString(other, "pretrained on another CPU");
        IOException e = assertThrows(IOException.class, () -> QuickBackbone.verified(dir));
        assertTrue(e.getMessage().contains(other.toString()), e.getMessage());
        assertTrue(
                e.getMessage().contains("expected SHA-256 " + QuickBackbone.SHA256),
                e.getMessage());
        assertTrue(e.getMessage().contains("actual " + FileDigest.sha256(other)), e.getMessage());
        assertTrue(e.getMessage().contains("nothing is pretrained over it"), e.getMessage());
        assertEquals(
                "pretrained on another CPU", Files.readString(other), "the file is left as it was");
    }

    @Test
    void aQuickRunStopsAtAForeignBackboneBeforeItTrains() throws IOException {
        Path data = dir.resolve("data");
        ToyDataset.write(data, "toy", 3);
        Path results = dir.resolve("results");
        Files.createDirectories(QuickBackbone.recordIn(results));
        Files.writeString(
                QuickBackbone.recordIn(results).resolve("backbone.safetensors"),
                "pretrained elsewhere");
        Reproduction reproduction =
                Reproduction.of(Profiles.QUICK)
                        .withDirectories(data, dir.resolve("weights"), results)
                        .quiet();
        ExperimentConfig cfg =
                reproduction
                        .config("toy", Method.VIT, null, TuningMode.FULL)
                        .with("batchSize", "4")
                        .with("microBatch", "4");
        assertEquals("quick-pretrained", cfg.backboneWeights());
        IOException e = assertThrows(IOException.class, () -> reproduction.train(cfg));
        assertTrue(e.getMessage().contains("is not the published one"), e.getMessage());
        assertTrue(
                !Files.exists(
                        results.resolve("runs").resolve(cfg.newRunId()).resolve("metrics.csv")),
                "nothing trained");
    }
}
