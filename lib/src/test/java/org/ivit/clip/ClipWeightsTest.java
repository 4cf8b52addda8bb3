package org.ivit.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.ivit.ReferenceFiles;
import org.ivit.io.DType;
import org.ivit.io.SafetensorsReader;
import org.ivit.io.SafetensorsWriter;
import org.ivit.model.MlpActivation;
import org.ivit.model.WeightMismatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strict loading: known buffers accepted, every other difference reported at once in the
 * checkpoint's names.
 */
class ClipWeightsTest {
    @TempDir Path dir;

    /**
     * A copy of a reference checkpoint, changed by {@code edit} (tensors can be added, dropped or
     * replaced).
     */
    private Path copy(String reference, Set<String> drop, Consumer<SafetensorsWriter> edit)
            throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter();
        try (SafetensorsReader reader = SafetensorsReader.open(ReferenceFiles.file(reference))) {
            for (String name : reader.names()) {
                if (!drop.contains(name)) {
                    writer.putFloats(name, reader.info(name).shape(), reader.floats(name));
                }
            }
        }
        edit.accept(writer);
        Path file = dir.resolve("edited-" + reference);
        writer.write(file);
        return file;
    }

    private static Model tinyModel(ClipConfig config) {
        Model model = Model.newInstance("clip");
        ClipModel clip = new ClipModel(config);
        model.setBlock(clip);
        clip.initialize(
                model.getNDManager(), DataType.FLOAT32, new Shape(1, 77), new Shape(1, 3, 32, 32));
        return model;
    }

    @Test
    void knownBuffersOfBothNamingsAreAccepted() throws IOException {
        Path hf =
                copy(
                        "clip-tiny-hf.safetensors",
                        Set.of(),
                        w ->
                                w.putLongs(
                                                "text_model.embeddings.position_ids",
                                                new long[] {1, 77},
                                                new long[77])
                                        .putLongs(
                                                "vision_model.embeddings.position_ids",
                                                new long[] {1, 17},
                                                new long[17]));
        Path openai =
                copy(
                        "clip-tiny-openai.safetensors",
                        Set.of(),
                        w ->
                                w.putLongs("input_resolution", new long[] {}, new long[] {32})
                                        .putLongs("context_length", new long[] {}, new long[] {77})
                                        .putLongs("vocab_size", new long[] {}, new long[] {49408}));
        try (Model model = tinyModel(ClipConfig.tinyReference())) {
            assertEquals(
                    ClipWeightNaming.HUGGING_FACE,
                    ClipWeights.load((ClipModel) model.getBlock(), hf));
            assertEquals(
                    ClipWeightNaming.OPENAI,
                    ClipWeights.load((ClipModel) model.getBlock(), openai));
            try (SafetensorsReader r = SafetensorsReader.open(hf)) {
                assertEquals(DType.I64, r.info("text_model.embeddings.position_ids").dtype());
            }
        }
    }

    @Test
    void missingUnexpectedAndMisshapenTensorsAreReportedTogether() throws IOException {
        Path file =
                copy(
                        "clip-tiny-hf.safetensors",
                        Set.of(
                                "text_model.encoder.layers.1.self_attn.k_proj.weight",
                                "visual_projection.weight"),
                        w ->
                                w.putFloats(
                                                "visual_projection.weight",
                                                new long[] {32, 127},
                                                new float[32 * 127])
                                        .putFloats(
                                                "text_model.extra_head.weight",
                                                new long[] {2},
                                                new float[2])
                                        .putLongs(
                                                "vision_model.embeddings.input_ids",
                                                new long[] {1},
                                                new long[1]));
        try (Model model = tinyModel(ClipConfig.tinyReference())) {
            WeightMismatchException e =
                    assertThrows(
                            WeightMismatchException.class,
                            () -> ClipWeights.load((ClipModel) model.getBlock(), file));
            assertEquals(
                    List.of("text_model.encoder.layers.1.self_attn.k_proj.weight"), e.missing());
            assertEquals(
                    List.of("text_model.extra_head.weight", "vision_model.embeddings.input_ids"),
                    e.unexpected());
            assertEquals(1, e.shapeMismatches().size());
            assertTrue(
                    e.shapeMismatches()
                            .get(0)
                            .startsWith(
                                    "visual_projection.weight: checkpoint [32, 127], model needs [32, 128]"),
                    e.shapeMismatches().get(0));
            assertTrue(e.getMessage().contains("Hugging Face"), e.getMessage());
        }
    }

    @Test
    void openAiReportsUseOpenAiNamesAndTransposedShapes() throws IOException {
        Path file =
                copy(
                        "clip-tiny-openai.safetensors",
                        Set.of("visual.proj", "ln_final.bias"),
                        w -> w.putFloats("visual.proj", new long[] {32, 128}, new float[32 * 128]));
        try (Model model = tinyModel(ClipConfig.tinyReference())) {
            WeightMismatchException e =
                    assertThrows(
                            WeightMismatchException.class,
                            () -> ClipWeights.load((ClipModel) model.getBlock(), file));
            assertEquals(List.of("ln_final.bias"), e.missing());
            assertEquals(
                    List.of("visual.proj: checkpoint [32, 128], model needs [128, 32]"),
                    e.shapeMismatches());
            assertTrue(e.unexpected().isEmpty());
        }
    }

    @Test
    void aConfigWithMoreLayersListsEveryMissingTensor() throws IOException {
        ClipConfig tiny = ClipConfig.tinyReference();
        ClipConfig deeper =
                new ClipConfig(
                        new ClipTextConfig(
                                64, 2, 3, 256, 77, 49408, 1e-5f, MlpActivation.QUICK_GELU),
                        tiny.vision(),
                        32);
        try (Model model = tinyModel(deeper)) {
            WeightMismatchException e =
                    assertThrows(
                            WeightMismatchException.class,
                            () ->
                                    ClipWeights.load(
                                            (ClipModel) model.getBlock(),
                                            ReferenceFiles.file("clip-tiny-hf.safetensors")));
            assertEquals(
                    16,
                    e.missing().size(),
                    e.getMessage()); // q, k, v, out, 2 norms, 2 mlp: weight and bias each
            assertTrue(e.missing().contains("text_model.encoder.layers.2.self_attn.v_proj.bias"));
        }
    }

    @Test
    void foldersWithOnlyPickleAreRefusedAndForeignFilesExplained() throws IOException {
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> ClipWeights.weightsFileIn(dir));
        assertTrue(e.getMessage().contains("pickle"), e.getMessage());
        Path foreign = dir.resolve("foreign.safetensors");
        new SafetensorsWriter()
                .putFloats("blocks.0.norm1.weight", new long[] {2}, new float[2])
                .write(foreign);
        try (Model model = tinyModel(ClipConfig.tinyReference())) {
            IllegalArgumentException f =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> ClipWeights.load((ClipModel) model.getBlock(), foreign));
            assertTrue(f.getMessage().contains("neither Hugging Face CLIP names"), f.getMessage());
        }
    }

    @Test
    void configDefaultsFillAbsentKeysAndLegacyDictsOverride() throws IOException {
        Path minimal =
                Files.writeString(
                        dir.resolve("config.json"),
                        "{\"text_config\": {}, \"vision_config\": {\"patch_size\": 16}}");
        assertEquals(ClipConfig.vitBasePatch16(), ClipConfig.fromJson(minimal));
        Path legacy =
                Files.writeString(
                        dir.resolve("legacy.json"),
                        "{\"projection_dim\": 32, \"text_config\": {\"hidden_size\": 1}, \"text_config_dict\": {\"hidden_size\": 64,"
                                + " \"num_attention_heads\": 2, \"num_hidden_layers\": 2, \"intermediate_size\": 256},"
                                + " \"vision_config_dict\": {\"hidden_size\": 128, \"num_attention_heads\": 2, \"num_hidden_layers\": 2,"
                                + " \"intermediate_size\": 512, \"image_size\": 32, \"patch_size\": 8}}");
        assertEquals(ClipConfig.tinyReference(), ClipConfig.fromJson(legacy));
    }
}
