package org.ivit.model.deit;

import static org.ivit.model.TimmReference.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ivit.io.SafetensorsReader;
import org.ivit.model.SafetensorsSource;
import org.ivit.model.StrictWeightLoader;
import org.ivit.model.TimmReference;
import org.ivit.model.TimmReference.EditedSource;
import org.ivit.model.TimmWeights;
import org.ivit.model.VisionTransformer;
import org.ivit.model.Vits;
import org.ivit.model.WeightMismatchException;
import org.junit.jupiter.api.Test;

/** DeiT and distilled DeiT against timm's outputs on random weights (reference/timm/deit*). */
class DeitParityTest {

    @Test
    void configFromTimmArguments() throws Exception {
        DeitConfig deit = DeitConfig.fromTimmArgs(TimmReference.args("deit"), false);
        assertEquals(new DeitConfig(32, 8, 3, 64, 2, 2, 4.0, 10, false, 1e-6f), deit);
        assertEquals(256, deit.mlpWidth());
        assertEquals(
                new DeitConfig(32, 8, 3, 64, 2, 2, 4.0, 10, true, 1e-6f),
                DeitConfig.fromTimmArgs(TimmReference.args("deit-distilled"), true));
        JsonObject other = TimmReference.args("deit");
        other.addProperty("qkv_bias", false);
        other.addProperty("class_token", false);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DeitConfig.fromTimmArgs(other, false));
        assertTrue(e.getMessage().contains("[class_token, qkv_bias]"), e.getMessage());
    }

    @Test
    void deitReproducesTimmLogitsAndFeatures() throws Exception {
        checkParity("deit", false);
    }

    @Test
    void distilledDeitReproducesTimmLogitsAndFeatures() throws Exception {
        checkParity("deit-distilled", true);
    }

    private static void checkParity(String name, boolean distilled) throws Exception {
        DeitConfig config = DeitConfig.fromTimmArgs(TimmReference.args(name), distilled);
        try (Model model = Deit.create(config, 11);
                NDManager batch = model.getNDManager().newSubManager();
                SafetensorsReader io =
                        SafetensorsReader.open(TimmReference.file(name + "-io.safetensors"))) {
            Deit deit = (Deit) model.getBlock();
            assertEquals(
                    distilled ? 35 : 32,
                    TimmWeights.load(deit, TimmReference.file(name + ".safetensors"), null).size());
            ParameterStore ps = new ParameterStore(batch, false);
            NDArray tokens = deit.forwardFeatures(ps, io.toNDArray("input", batch), false);
            assertMatches(io, "logits", deit.forwardHead(ps, tokens, false, false));
            assertMatches(io, "features", deit.forwardHead(ps, tokens, false, true));
            assertMatches(io, "forward_features", tokens);
            NDList out = deit.forward(ps, new NDList(io.toNDArray("input", batch)), false);
            assertMatches(io, "logits", out.get(0));
            assertMatches(io, "features", out.get(1));
        }
    }

    /**
     * A plain DeiT is this project's ViT: the same weights give the same outputs through
     * VisionTransformer.
     */
    @Test
    void plainDeitIsTheProjectsVisionTransformer() throws Exception {
        DeitConfig config = DeitConfig.fromTimmArgs(TimmReference.args("deit"), false);
        try (Model model = Vits.create(config.toVitConfig(), 11);
                NDManager batch = model.getNDManager().newSubManager();
                SafetensorsReader io =
                        SafetensorsReader.open(TimmReference.file("deit-io.safetensors"))) {
            VisionTransformer vit = (VisionTransformer) model.getBlock();
            Vits.loadTimm(vit, TimmReference.file("deit.safetensors"), false);
            NDList out =
                    vit.forward(
                            new ParameterStore(batch, false),
                            new NDList(io.toNDArray("input", batch)),
                            false);
            assertMatches(io, "logits", out.get(0));
            assertMatches(io, "features", out.get(1));
        }
    }

    /** The check can fail: one changed bias, or reading only the class head, is caught. */
    @Test
    void aWrongWeightOrAWrongHeadFailsTheParityCheck() throws Exception {
        DeitConfig config = DeitConfig.fromTimmArgs(TimmReference.args("deit-distilled"), true);
        try (Model model = Deit.create(config, 11);
                NDManager batch = model.getNDManager().newSubManager();
                SafetensorsReader io =
                        SafetensorsReader.open(
                                TimmReference.file("deit-distilled-io.safetensors"))) {
            Deit deit = (Deit) model.getBlock();
            TimmWeights.load(deit, TimmReference.file("deit-distilled.safetensors"), null);
            ParameterStore ps = new ParameterStore(batch, false);
            NDArray tokens = deit.forwardFeatures(ps, io.toNDArray("input", batch), false);
            // both heads reading the class token (the distillation token ignored)
            NDArray cls = tokens.get(":, :1");
            NDArray classOnly =
                    deit.forwardHead(
                            ps,
                            NDArrays.concat(new NDList(cls, cls, tokens.get(":, 2:")), 1),
                            false,
                            false);
            assertThrows(AssertionError.class, () -> assertMatches(io, "logits", classOnly));
            NDArray bias = deit.namedParameters().get("blocks.1.mlp.fc2.bias").getArray();
            StrictWeightLoader.copyInto(
                    deit.namedParameters().get("blocks.1.mlp.fc2.bias"),
                    new float[(int) bias.size()]);
            NDArray features =
                    deit.forwardHead(
                            ps,
                            deit.forwardFeatures(ps, io.toNDArray("input", batch), false),
                            false,
                            true);
            assertThrows(AssertionError.class, () -> assertMatches(io, "features", features));
        }
    }

    @Test
    void everyMismatchOfACheckpointIsReported() throws Exception {
        DeitConfig config = DeitConfig.fromTimmArgs(TimmReference.args("deit-distilled"), true);
        try (Model model = Deit.create(config, 11);
                SafetensorsReader weights =
                        SafetensorsReader.open(TimmReference.file("deit-distilled.safetensors"))) {
            Deit deit = (Deit) model.getBlock();
            EditedSource edited =
                    new EditedSource(
                            new SafetensorsSource(weights),
                            Map.of("head_dist.weight", "head_distill.weight"),
                            Set.of("dist_token"),
                            Map.of("pos_embed", new long[] {1, 17, 64}));
            WeightMismatchException e =
                    assertThrows(
                            WeightMismatchException.class,
                            () -> new StrictWeightLoader().load(edited, deit.namedParameters()));
            assertEquals(
                    List.of("dist_token", "head_dist.weight"),
                    e.missing().stream().sorted().toList(),
                    e.getMessage());
            assertEquals(List.of("head_distill.weight"), e.unexpected(), e.getMessage());
            assertEquals(1, e.shapeMismatches().size(), e.getMessage());
            assertTrue(
                    e.getMessage().contains("pos_embed: checkpoint [1, 17, 64], model [1, 18, 64]"),
                    e.getMessage());
            // a plain DeiT's checkpoint lacks the distilled model's two extra tensors
            WeightMismatchException plain =
                    assertThrows(
                            WeightMismatchException.class,
                            () ->
                                    TimmWeights.load(
                                            deit, TimmReference.file("deit.safetensors"), null));
            assertTrue(
                    plain.missing()
                            .containsAll(
                                    List.of("dist_token", "head_dist.weight", "head_dist.bias")),
                    plain.getMessage());
            assertFalse(
                    plain.shapeMismatches().isEmpty(),
                    plain.getMessage()); // pos_embed 17 vs 18 tokens
        }
    }
}
