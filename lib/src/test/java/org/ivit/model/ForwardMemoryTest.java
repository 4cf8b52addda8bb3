package org.ivit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.ivit.runs.ProcessMemory;
import org.junit.jupiter.api.Test;

/**
 * Batch-level arrays must die with their batch: forward passes leave the model's manager and the
 * resident memory flat.
 */
class ForwardMemoryTest {
    private static final int WINDOWS = 3;
    private static final int PASSES_PER_WINDOW = 30;

    /**
     * The resident size also moves for reasons other than leaks (the Java heap and malloc's arenas
     * grow once, then settle), so it is read after each of three windows of passes: a leak grows in
     * every window, a one-off expansion only in one. The quietest window must stay flat.
     */
    @Test
    void forwardPassesKeepTheModelManagerAndResidentMemoryFlat() {
        VitConfig config = VitFamily.TINY_CONFIG;
        try (Model model = Vits.create(config, 3)) {
            VisionTransformer vit = (VisionTransformer) model.getBlock();
            NDManager modelManager = model.getNDManager();
            for (int i = 0; i < 5; i++) {
                runOnce(vit, modelManager); // warm-up: libtorch allocates its caches on first use
            }
            int arraysBefore = modelManager.getManagedArrays().size();
            long[] rss = new long[WINDOWS + 1];
            rss[0] = ProcessMemory.residentMb();
            long quietest = Long.MAX_VALUE;
            for (int w = 1; w <= WINDOWS; w++) {
                for (int i = 0; i < PASSES_PER_WINDOW; i++) {
                    runOnce(vit, modelManager);
                }
                rss[w] = ProcessMemory.residentMb();
                quietest = Math.min(quietest, rss[w] - rss[w - 1]);
            }
            int arraysAfter = modelManager.getManagedArrays().size();
            System.out.printf(
                    "forward memory: model arrays %d -> %d, RSS after each %d passes %s MB%n",
                    arraysBefore, arraysAfter, PASSES_PER_WINDOW, java.util.Arrays.toString(rss));
            assertEquals(arraysBefore, arraysAfter, "arrays leaked into the model's manager");
            // one leaked batch of tokens is (32, 65, 192) floats = 1.6 MB, 48 MB per window
            assertTrue(
                    quietest < 20,
                    "resident memory grew in every window of "
                            + PASSES_PER_WINDOW
                            + " passes, by at least "
                            + quietest
                            + " MB: "
                            + java.util.Arrays.toString(rss));
        }
    }

    /**
     * A layer leaves only its output in the batch's manager: its intermediates are closed when it
     * returns (autograd keeps what backward needs), so a pass does not hold every activation.
     */
    @Test
    void aLayerLeavesOnlyItsOutputInTheBatchManager() {
        VitConfig config = VitFamily.TINY_CONFIG;
        try (Model model = Vits.create(config, 3);
                NDManager batch = model.getNDManager().newSubManager()) {
            TransformerLayer layer = ((VisionTransformer) model.getBlock()).layers().get(0);
            NDArray x = batch.randomNormal(new Shape(2, 65, config.width()));
            int before = batch.getManagedArrays().size();
            NDArray[] out = layer.apply(new ParameterStore(batch, false), x, false, true);
            assertEquals(
                    before + 2,
                    batch.getManagedArrays().size(),
                    "the output and the attention weights, nothing else");
            assertEquals(new Shape(2, 65, config.width()), out[0].getShape());
            assertEquals(new Shape(2, config.heads(), 65, 65), out[1].getShape());
            assertEquals(batch, x.getManager(), "the input is back in its own manager");
        }
    }

    private static void runOnce(VisionTransformer vit, NDManager modelManager) {
        try (NDManager batch = modelManager.newSubManager()) {
            NDList out =
                    vit.forward(
                            new ParameterStore(batch, false),
                            new NDList(batch.randomNormal(new Shape(32, 3, 32, 32))),
                            false);
            out.get(0).toFloatArray();
        }
    }
}
