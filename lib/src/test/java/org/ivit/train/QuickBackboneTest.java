package org.ivit.train;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed quick backbone is the one its record and pinned hash describe, and only it is loaded. */
class QuickBackboneTest {
    @TempDir
    Path dir;

    @Test
    void theCommittedFileHasThePinnedHashAndItsRecordItsRunId() throws IOException {
        Path record = Project.root().resolve("results/pretraining/quick-fashion_mnist-vit-full-0083c40b");
        assertEquals(record, QuickBackbone.committedRecord());
        Path file = record.resolve("backbone.safetensors");
        assertEquals(4_879_840L, Files.size(file));
        assertEquals(QuickBackbone.SHA256, FileDigest.sha256(file));
        assertEquals(QuickBackbone.SHA256 + "  backbone.safetensors", Files.readString(record.resolve("backbone.safetensors.sha256")).strip());
        JsonObject config = JsonParser.parseString(Files.readString(record.resolve("config.json"))).getAsJsonObject();
        assertEquals(QuickPretraining.config().runId(), config.get("run_id").getAsString());
        assertEquals(QuickPretraining.EPOCHS, config.get("epochs").getAsInt());
        JsonObject summary = JsonParser.parseString(Files.readString(record.resolve("summary.json"))).getAsJsonObject();
        assertEquals(88.04, summary.get("test_top1").getAsDouble());
        assertTrue(summary.get("finished").getAsBoolean());
    }

    @Test
    void aResultsFolderWithoutItsOwnCopyGetsTheCommittedOne() throws IOException {
        assertEquals(QuickBackbone.committedRecord().resolve("backbone.safetensors"), QuickBackbone.verified(dir.resolve("fresh")));
    }

    @Test
    void aCopyInTheResultsFolderIsUsedWhenItsHashMatches() throws IOException {
        Path copy = Files.createDirectories(QuickBackbone.recordIn(dir)).resolve("backbone.safetensors");
        Files.copy(QuickBackbone.committedRecord().resolve("backbone.safetensors"), copy);
        assertEquals(copy, QuickBackbone.verified(dir));
    }

    @Test
    void aBackboneWithAnotherHashIsRefusedNamingTheFileAndBothHashes() throws IOException {
        Path other = Files.createDirectories(QuickBackbone.recordIn(dir)).resolve("backbone.safetensors");
        Files.writeString(other, "pretrained on another CPU");
        IOException e = assertThrows(IOException.class, () -> QuickBackbone.verified(dir));
        assertTrue(e.getMessage().contains(other.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected SHA-256 " + QuickBackbone.SHA256), e.getMessage());
        assertTrue(e.getMessage().contains("actual " + FileDigest.sha256(other)), e.getMessage());
        assertTrue(e.getMessage().contains("nothing is pretrained over it"), e.getMessage());
        assertEquals("pretrained on another CPU", Files.readString(other), "the file is left as it was");
    }
}
