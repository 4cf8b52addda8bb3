package org.ivit.model;

import static org.ivit.Tensors.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import org.ivit.ReferenceFiles;
import org.ivit.io.SafetensorsReader;
import org.junit.jupiter.api.Test;

/**
 * The ViT against torchvision's outputs on random weights
 * (lib/src/test/resources/reference/vit-tiny.*).
 */
class VitParityTest {

    @Test
    void reproducesReferenceLogitsFeaturesAndTokens() throws Exception {
        VitConfig config = VitConfig.fromJson(ReferenceFiles.file("vit-tiny.json"));
        assertEquals(new VitConfig(32, 8, 3, 2, 2, 64, 256, 10, 1e-6f), config);
        try (Model model = Vits.create(config, 7);
                NDManager batch = model.getNDManager().newSubManager();
                SafetensorsReader io =
                        SafetensorsReader.open(ReferenceFiles.file("vit-tiny-io.safetensors"))) {
            VisionTransformer vit = (VisionTransformer) model.getBlock();
            assertEquals(
                    32,
                    Vits.loadTimm(vit, ReferenceFiles.file("vit-tiny.safetensors"), false).size());
            NDList out =
                    vit.forward(
                            new ParameterStore(batch, false),
                            new NDList(io.toNDArray("input", batch)),
                            false);
            assertClose(
                    io.floats("logits"),
                    out.get(0),
                    io.info("logits").shape(),
                    1e-4,
                    1e-4,
                    "logits");
            assertClose(
                    io.floats("features"),
                    out.get(1),
                    io.info("features").shape(),
                    1e-4,
                    1e-4,
                    "features");
            assertClose(
                    io.floats("tokens"),
                    out.get(2),
                    io.info("tokens").shape(),
                    1e-4,
                    1e-4,
                    "tokens");
        }
    }

    @Test
    void randomWeightsDoNotMatchSoTheParityCheckCanFail() throws Exception {
        VitConfig config = VitConfig.fromJson(ReferenceFiles.file("vit-tiny.json"));
        try (Model model = Vits.create(config, 7);
                NDManager batch = model.getNDManager().newSubManager();
                SafetensorsReader io =
                        SafetensorsReader.open(ReferenceFiles.file("vit-tiny-io.safetensors"))) {
            VisionTransformer vit = (VisionTransformer) model.getBlock();
            NDList out =
                    vit.forward(
                            new ParameterStore(batch, false),
                            new NDList(io.toNDArray("input", batch)),
                            false);
            assertThrows(
                    AssertionError.class,
                    () ->
                            assertClose(
                                    io.floats("logits"),
                                    out.get(0),
                                    io.info("logits").shape(),
                                    1e-4,
                                    1e-4,
                                    "logits"));
        }
    }

    @Test
    void wrongClassCountNamesTheHeadAndCanBeReinitialised() throws Exception {
        VitConfig config = VitConfig.fromJson(ReferenceFiles.file("vit-tiny.json")).withClasses(37);
        Path weights = ReferenceFiles.file("vit-tiny.safetensors");
        try (Model model = Vits.create(config, 7)) {
            VisionTransformer vit = (VisionTransformer) model.getBlock();
            WeightMismatchException e =
                    assertThrows(
                            WeightMismatchException.class,
                            () -> Vits.loadTimm(vit, weights, false));
            assertEquals(2, e.shapeMismatches().size(), e.getMessage());
            assertTrue(
                    e.getMessage().contains("head has 10 classes, the model 37"), e.getMessage());
            assertEquals(30, Vits.loadTimm(vit, weights, true).size());
        }
    }

    @Test
    void deeperModelListsEveryMissingTensor() throws Exception {
        VitConfig config = new VitConfig(32, 8, 3, 3, 2, 64, 256, 10, 1e-6f);
        try (Model model = Vits.create(config, 7)) {
            VisionTransformer vit = (VisionTransformer) model.getBlock();
            WeightMismatchException e =
                    assertThrows(
                            WeightMismatchException.class,
                            () ->
                                    Vits.loadTimm(
                                            vit,
                                            ReferenceFiles.file("vit-tiny.safetensors"),
                                            false));
            assertEquals(12, e.missing().size(), e.getMessage());
            assertTrue(e.missing().contains("blocks.2.attn.qkv.weight"));
            assertTrue(e.unexpected().isEmpty());
        }
    }
}
