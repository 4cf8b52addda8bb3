package org.ivit.model.cait;

import static org.ivit.model.TimmReference.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ivit.io.SafetensorsReader;
import org.ivit.model.SafetensorsSource;
import org.ivit.model.StrictWeightLoader;
import org.ivit.model.TimmReference;
import org.ivit.model.TimmReference.EditedSource;
import org.ivit.model.TimmWeights;
import org.ivit.model.WeightMismatchException;
import org.junit.jupiter.api.Test;

/** CaiT against timm's outputs on random weights (reference/timm/cait*). */
class CaitParityTest {

    private static CaitConfig config() throws Exception {
        return CaitConfig.fromTimmArgs(TimmReference.args("cait"));
    }

    @Test
    void configFromTimmArguments() throws Exception {
        assertEquals(new CaitConfig(32, 8, 3, 64, 2, 4, 4.0, 1e-5f, 2, 4.0, 10, 1e-6f), config());
    }

    @Test
    void reproducesTimmLogitsAndFeatures() throws Exception {
        try (Model model = Cait.create(config(), 12);
                NDManager batch = model.getNDManager().newSubManager();
                SafetensorsReader io =
                        SafetensorsReader.open(TimmReference.file("cait-io.safetensors"))) {
            Cait cait = (Cait) model.getBlock();
            assertEquals(
                    80,
                    TimmWeights.load(cait, TimmReference.file("cait.safetensors"), null).size());
            ParameterStore ps = new ParameterStore(batch, false);
            NDArray tokens = cait.forwardFeatures(ps, io.toNDArray("input", batch), false);
            assertMatches(io, "logits", cait.forwardHead(ps, tokens, false, false));
            assertMatches(io, "features", cait.forwardHead(ps, tokens, false, true));
            assertMatches(io, "forward_features", tokens);
            NDList out = cait.forward(ps, new NDList(io.toNDArray("input", batch)), false);
            assertMatches(io, "logits", out.get(0));
            assertMatches(io, "features", out.get(1));
        }
    }

    /**
     * The check can fail: a zeroed talking-heads bias (applied after the softmax) or LayerScale is
     * caught.
     */
    @Test
    void aWrongWeightFailsTheParityCheck() throws Exception {
        for (String wrong : List.of("blocks.1.attn.proj_w.bias", "blocks_token_only.1.gamma_2")) {
            try (Model model = Cait.create(config(), 12);
                    NDManager batch = model.getNDManager().newSubManager();
                    SafetensorsReader io =
                            SafetensorsReader.open(TimmReference.file("cait-io.safetensors"))) {
                Cait cait = (Cait) model.getBlock();
                TimmWeights.load(cait, TimmReference.file("cait.safetensors"), null);
                Parameter p = cait.namedParameters().get(wrong);
                StrictWeightLoader.copyInto(p, new float[(int) p.getArray().size()]);
                ParameterStore ps = new ParameterStore(batch, false);
                NDArray features =
                        cait.forwardHead(
                                ps,
                                cait.forwardFeatures(ps, io.toNDArray("input", batch), false),
                                false,
                                true);
                assertThrows(
                        AssertionError.class, () -> assertMatches(io, "features", features), wrong);
            }
        }
    }

    @Test
    void everyMismatchOfACheckpointIsReported() throws Exception {
        try (Model model = Cait.create(config(), 12);
                SafetensorsReader weights =
                        SafetensorsReader.open(TimmReference.file("cait.safetensors"))) {
            Cait cait = (Cait) model.getBlock();
            EditedSource edited =
                    new EditedSource(
                            new SafetensorsSource(weights),
                            Map.of("blocks.0.gamma_1", "blocks.0.ls1.gamma"),
                            Set.of("blocks_token_only.1.attn.q.bias"),
                            Map.of("blocks.1.attn.proj_l.weight", new long[] {8, 8}));
            WeightMismatchException e =
                    assertThrows(
                            WeightMismatchException.class,
                            () -> new StrictWeightLoader().load(edited, cait.namedParameters()));
            assertEquals(
                    List.of("blocks.0.gamma_1", "blocks_token_only.1.attn.q.bias"),
                    e.missing().stream().sorted().toList(),
                    e.getMessage());
            assertEquals(List.of("blocks.0.ls1.gamma"), e.unexpected(), e.getMessage());
            assertEquals(
                    List.of("blocks.1.attn.proj_l.weight: checkpoint [8, 8], model [4, 4]"),
                    e.shapeMismatches(),
                    e.getMessage());
            assertTrue(
                    e.getMessage().contains("missing (2)")
                            && e.getMessage().contains("unexpected (1)"),
                    e.getMessage());
        }
    }
}
