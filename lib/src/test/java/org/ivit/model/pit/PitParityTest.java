package org.ivit.model.pit;

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

/** PiT against timm's outputs on random weights (reference/timm/pit*). */
class PitParityTest {

    private static PitConfig config() throws Exception {
        return PitConfig.fromTimmArgs(TimmReference.args("pit"));
    }

    @Test
    void configAndGridsFromTimmArguments() throws Exception {
        PitConfig c = config();
        assertEquals(
                new PitConfig(
                        32,
                        8,
                        4,
                        3,
                        List.of(8, 8, 8),
                        List.of(1, 2, 1),
                        List.of(2, 4, 8),
                        4.0,
                        10,
                        1e-6f),
                c);
        // the README's derived structure: dims 16/32/64 on grids 7, 4, 2
        assertEquals(List.of(16, 32, 64), List.of(c.dim(0), c.dim(1), c.dim(2)));
        assertEquals(List.of(7, 4, 2), List.of(c.grid(0), c.grid(1), c.grid(2)));
        PitConfig full = PitConfig.pitB224();
        assertEquals(List.of(31, 16, 8), List.of(full.grid(0), full.grid(1), full.grid(2)));
        assertEquals(List.of(256, 512, 1024), List.of(full.dim(0), full.dim(1), full.dim(2)));
        com.google.gson.JsonObject distilled = TimmReference.args("pit");
        distilled.addProperty("distilled", true);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> PitConfig.fromTimmArgs(distilled));
        assertTrue(e.getMessage().contains("[distilled]"), e.getMessage());
    }

    @Test
    void reproducesTimmLogitsAndFeatures() throws Exception {
        try (Model model = Pit.create(config(), 13);
                NDManager batch = model.getNDManager().newSubManager();
                SafetensorsReader io =
                        SafetensorsReader.open(TimmReference.file("pit-io.safetensors"))) {
            Pit pit = (Pit) model.getBlock();
            assertEquals(
                    64, TimmWeights.load(pit, TimmReference.file("pit.safetensors"), null).size());
            ParameterStore ps = new ParameterStore(batch, false);
            NDArray tokens = pit.forwardFeatures(ps, io.toNDArray("input", batch), false);
            assertMatches(io, "logits", pit.forwardHead(ps, tokens, false, false));
            assertMatches(io, "features", pit.forwardHead(ps, tokens, false, true));
            assertMatches(io, "forward_features", tokens);
            NDList out = pit.forward(ps, new NDList(io.toNDArray("input", batch)), false);
            assertMatches(io, "logits", out.get(0));
            assertMatches(io, "features", out.get(1));
        }
    }

    /** The check can fail: a zeroed pooling-conv bias or position embedding is caught. */
    @Test
    void aWrongWeightFailsTheParityCheck() throws Exception {
        for (String wrong : List.of("transformers.2.pool.conv.bias", "pos_embed")) {
            try (Model model = Pit.create(config(), 13);
                    NDManager batch = model.getNDManager().newSubManager();
                    SafetensorsReader io =
                            SafetensorsReader.open(TimmReference.file("pit-io.safetensors"))) {
                Pit pit = (Pit) model.getBlock();
                TimmWeights.load(pit, TimmReference.file("pit.safetensors"), null);
                Parameter p = pit.namedParameters().get(wrong);
                StrictWeightLoader.copyInto(p, new float[(int) p.getArray().size()]);
                ParameterStore ps = new ParameterStore(batch, false);
                NDArray features =
                        pit.forwardHead(
                                ps,
                                pit.forwardFeatures(ps, io.toNDArray("input", batch), false),
                                false,
                                true);
                assertThrows(
                        AssertionError.class, () -> assertMatches(io, "features", features), wrong);
            }
        }
    }

    /**
     * Original naver-ai names ({@code pools.{s-1}.*}) are not timm's: each is reported, none
     * skipped.
     */
    @Test
    void everyMismatchOfACheckpointIsReported() throws Exception {
        try (Model model = Pit.create(config(), 13);
                SafetensorsReader weights =
                        SafetensorsReader.open(TimmReference.file("pit.safetensors"))) {
            Pit pit = (Pit) model.getBlock();
            EditedSource edited =
                    new EditedSource(
                            new SafetensorsSource(weights),
                            Map.of("transformers.1.pool.conv.weight", "pools.0.conv.weight"),
                            Set.of("norm.bias"),
                            Map.of("pos_embed", new long[] {1, 49, 16}));
            WeightMismatchException e =
                    assertThrows(
                            WeightMismatchException.class,
                            () -> new StrictWeightLoader().load(edited, pit.namedParameters()));
            assertEquals(
                    List.of("norm.bias", "transformers.1.pool.conv.weight"),
                    e.missing().stream().sorted().toList(),
                    e.getMessage());
            assertEquals(List.of("pools.0.conv.weight"), e.unexpected(), e.getMessage());
            assertEquals(
                    List.of("pos_embed: checkpoint [1, 49, 16], model [1, 16, 7, 7]"),
                    e.shapeMismatches(),
                    e.getMessage());
            assertTrue(e.getMessage().contains("weights in edited"), e.getMessage());
        }
    }
}
