package org.ivit.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ivit.ReferenceFiles;
import org.ivit.Tensors;
import org.ivit.io.FileDigest;
import org.ivit.io.SafetensorsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notebook-facing facade: a model folder in three lines, texts straight to embeddings. */
class ClipFacadeTest {

    static Path referenceFolder(Path dir, String weights) throws IOException {
        Files.copy(ReferenceFiles.file("clip-tiny.json"), dir.resolve("config.json"));
        Files.copy(
                ReferenceFiles.file(weights),
                dir.resolve(
                        weights.contains("openai")
                                ? "open_clip_model.safetensors"
                                : "model.safetensors"));
        return dir;
    }

    private static List<String> referenceTexts() throws IOException {
        JsonArray texts =
                JsonParser.parseString(Files.readString(ReferenceFiles.file("clip-tiny.json")))
                        .getAsJsonObject()
                        .getAsJsonArray("texts");
        List<String> out = new ArrayList<>();
        texts.forEach(t -> out.add(t.getAsString()));
        return out;
    }

    @Test
    void aModelFolderGivesTheReferenceTextEmbeddingsFromPlainText(@TempDir Path dir)
            throws Exception {
        try (Clip clip = Clip.load(referenceFolder(dir, "clip-tiny-openai.safetensors"));
                SafetensorsReader io =
                        SafetensorsReader.open(ReferenceFiles.file("clip-tiny-io.safetensors"))) {
            float[][] embeds = clip.embedTexts(referenceTexts());
            float[] flat = new float[5 * 32];
            for (int i = 0; i < 5; i++) {
                System.arraycopy(embeds[i], 0, flat, i * 32, 32);
            }
            Tensors.assertClose(
                    io.floats("text_embeds"), flat, 1e-4, 1e-4, "text_embeds from text");
            assertFalse(clip.hasRandomWeights());
            assertEquals(dir.getFileName().toString(), clip.modelId());
            assertEquals("CLIP: " + clip.modelId(), clip.label());
            assertEquals(
                    FileDigest.sha256(ReferenceFiles.file("clip-tiny-openai.safetensors")),
                    clip.weightsSha256());
            assertEquals(32, clip.embeddingDim());
        }
    }

    @Test
    void theModelIdComesFromTheFetchManifest(@TempDir Path dir) throws Exception {
        referenceFolder(dir, "clip-tiny-hf.safetensors");
        Files.writeString(
                dir.resolve("manifest.json"),
                "{\"repo\": \"openai/clip-tiny-reference\", \"files\": {}}");
        try (Clip clip = Clip.load(dir)) {
            assertEquals("openai/clip-tiny-reference", clip.modelId());
        }
    }

    @Test
    void trimmedAndFullLengthEncodingsAgree() throws Exception {
        try (Clip clip = Clip.random(ClipConfig.tinyReference(), 11)) {
            List<String> texts =
                    List.of(
                            "a photo of a cat.",
                            "itap of a bird of paradise.",
                            "x",
                            "a photo of a 2012 Tesla Model S Sedan, a type of car.");
            long[][] ids = clip.tokenizer().paddedIds(texts);
            float[][] trimmed = clip.embedTokenIds(ids, true);
            float[][] full = clip.embedTokenIds(ids, false);
            for (int i = 0; i < texts.size(); i++) {
                assertTrue(Tensors.maxAbsDiff(full[i], trimmed[i]) < 1e-5, "text " + i);
            }
        }
    }

    @Test
    void randomWeightsAreLabelledAndSeeded() throws Exception {
        try (Clip a = Clip.randomSmall(4);
                Clip b = Clip.randomSmall(4)) {
            assertTrue(a.hasRandomWeights());
            assertEquals(Clip.RANDOM_LABEL, a.label());
            assertEquals(512, a.embeddingDim());
            assertEquals(224, a.preprocessor().size());
            float[] x = a.embedTexts(List.of("a dog"))[0];
            assertEquals(
                    0.0,
                    Tensors.maxAbsDiff(x, b.embedTexts(List.of("a dog"))[0]),
                    0.0,
                    "same seed, same weights");
        }
    }

    @Test
    void missingFilesAreExplained(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> Clip.load(dir));
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
    }
}
