package org.ivit.clip;

import static org.ivit.Tensors.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.ivit.ReferenceFiles;
import org.ivit.io.SafetensorsReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CLIP against OpenAI's reference implementation on random weights
 * (lib/src/test/resources/reference/clip-tiny-*).
 */
class ClipParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"clip-tiny-hf.safetensors", "clip-tiny-openai.safetensors"})
    void reproducesReferenceEmbeddingsAndLogits(String weights) throws Exception {
        ClipConfig config = ClipConfig.fromJson(ReferenceFiles.file("clip-tiny.json"));
        assertEquals(ClipConfig.tinyReference(), config);
        try (Model model = Model.newInstance("clip")) {
            ClipModel clip = new ClipModel(config);
            model.setBlock(clip);
            clip.initialize(
                    model.getNDManager(),
                    DataType.FLOAT32,
                    new Shape(1, 77),
                    new Shape(1, 3, 32, 32));
            ClipWeightNaming naming = ClipWeights.load(clip, ReferenceFiles.file(weights));
            assertEquals(
                    weights.contains("-hf")
                            ? ClipWeightNaming.HUGGING_FACE
                            : ClipWeightNaming.OPENAI,
                    naming);
            try (NDManager batch = model.getNDManager().newSubManager();
                    SafetensorsReader io =
                            SafetensorsReader.open(
                                    ReferenceFiles.file("clip-tiny-io.safetensors"))) {
                ParameterStore ps = new ParameterStore(batch, false);
                NDArray ids = io.toNDArray("input_ids", batch);
                NDList text = clip.text().encode(ps, ids, false, false);
                NDList image = clip.vision().encode(ps, io.toNDArray("pixel_values", batch), false);
                check(io, "text_embeds", text.get(0));
                check(io, "text_pooler_output", text.get(1));
                check(io, "text_last_hidden_state", text.get(2));
                check(io, "image_embeds", image.get(0));
                check(io, "vision_pooler_output", image.get(1));
                check(io, "vision_last_hidden_state", image.get(2));
                check(
                        io,
                        "logits_per_image",
                        clip.logitsPerImage(ps, image.get(0), text.get(0), false));
                NDList trimmed = clip.text().encode(ps, ids, false, true);
                check(io, "text_embeds", trimmed.get(0));
                assertEquals(15, trimmed.get(2).getShape().get(1), "trimmed to the longest text");
            }
        }
    }

    private static void check(SafetensorsReader io, String name, NDArray actual) throws Exception {
        assertClose(io.floats(name), actual, io.info(name).shape(), 1e-4, 1e-4, name);
    }
}
