package org.ivit.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ivit.CliRun;
import org.ivit.ReferenceFiles;
import org.ivit.io.SafetensorsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ivit prompts} and {@code ivit zero-shot} in-process on a toy dataset and the reference
 * CLIP.
 */
class PromptCliTest {
    @TempDir Path dir;

    private Path clipFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("weights/clip-tiny"));
        Files.copy(ReferenceFiles.file("clip-tiny.json"), folder.resolve("config.json"));
        Files.copy(
                ReferenceFiles.file("clip-tiny-hf.safetensors"),
                folder.resolve("model.safetensors"));
        return folder;
    }

    @Test
    void buildsABankOnceAndKeepsItWhileTheRecipeHolds() throws Exception {
        Path data = dir.resolve("data");
        ToyDataset.write(data, "toy", 2);
        Path clip = clipFolder();
        Path out = dir.resolve("banks/toy-mix.safetensors");
        String[] args = {
            "prompts",
            "--dataset",
            "toy",
            "--clip",
            clip.toString(),
            "--templates",
            "simple7",
            "--kind",
            "mix",
            "--out",
            out.toString(),
            "--data-dir",
            data.toString(),
            "--seed",
            "3"
        };
        CliRun first = CliRun.of(args);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().startsWith("wrote "), first.out());
        assertTrue(first.out().contains("3 x 32 mix prompts"), first.out());
        CliRun second = CliRun.of(args);
        assertTrue(second.out().startsWith("up to date: "), second.out());
        try (SafetensorsReader reader = SafetensorsReader.open(out)) {
            assertEquals("3", reader.metadata().get("seed"));
            assertEquals("mix", reader.metadata().get("kind"));
            assertEquals("toy", reader.metadata().get("dataset"));
            assertTrue(
                    reader.metadata().get("image_paths").contains("images/c1_"),
                    reader.metadata().get("image_paths"));
            assertEquals(64, reader.metadata().get("clip_weights_sha256").length());
        }
        CliRun otherSeed =
                CliRun.of(
                        "prompts",
                        "--dataset",
                        "toy",
                        "--clip",
                        clip.toString(),
                        "--templates",
                        "simple7",
                        "--kind",
                        "mix",
                        "--out",
                        out.toString(),
                        "--data-dir",
                        data.toString(),
                        "--seed",
                        "4");
        assertTrue(otherSeed.out().startsWith("wrote "), otherSeed.out());
    }

    @Test
    void unpreparedDatasetsAreExplained() {
        CliRun run =
                CliRun.of(
                        "prompts",
                        "--dataset",
                        "pets",
                        "--clip",
                        "random-small",
                        "--out",
                        dir.resolve("x").toString(),
                        "--data-dir",
                        dir.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("not prepared"), run.err());
    }

    @Test
    void zeroShotPrintsAccuracyWithTheClipLabel() throws Exception {
        Path data = dir.resolve("data");
        ToyDataset.write(data, "toy", 1);
        CliRun run =
                CliRun.of(
                        "zero-shot",
                        "--dataset",
                        "toy",
                        "--clip",
                        "random-small:1",
                        "--templates",
                        "pets",
                        "--data-dir",
                        data.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonObject line = JsonParser.parseString(run.out().strip()).getAsJsonObject();
        assertEquals(6, line.get("images").getAsInt());
        assertEquals("CLIP: random weights", line.get("clip").getAsString());
    }
}
