package org.ivit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.ivit.train.ProcessMemory;
import org.junit.jupiter.api.Test;

/** Batch-level arrays must die with their batch: 50 forward passes leave native memory flat. */
class ForwardMemoryTest {

    @Test
    void fiftyForwardPassesKeepTheModelManagerAndResidentMemoryFlat() {
        VitConfig config = VitConfig.tiny();
        try (Model model = Vits.create(config, 3)) {
            VisionTransformer vit = (VisionTransformer) model.getBlock();
            NDManager modelManager = model.getNDManager();
            runOnce(vit, modelManager); // warm-up: libtorch allocates its caches on first use
            runOnce(vit, modelManager);
            int arraysBefore = modelManager.getManagedArrays().size();
            long rssBefore = ProcessMemory.residentMb();
            for (int i = 0; i < 50; i++) {
                runOnce(vit, modelManager);
            }
            int arraysAfter = modelManager.getManagedArrays().size();
            long rssAfter = ProcessMemory.residentMb();
            System.out.printf("forward memory: model arrays %d -> %d, RSS %d -> %d MB%n",
                    arraysBefore, arraysAfter, rssBefore, rssAfter);
            assertEquals(arraysBefore, arraysAfter, "arrays leaked into the model's manager");
            // one leaked batch of tokens is (32, 65, 192) floats = 1.6 MB, 50 of them 80 MB
            assertTrue(rssAfter - rssBefore < 40, "resident memory grew by " + (rssAfter - rssBefore) + " MB");
        }
    }

    private static void runOnce(VisionTransformer vit, NDManager modelManager) {
        try (NDManager batch = modelManager.newSubManager()) {
            NDList out = vit.forward(new ParameterStore(batch, false),
                    new NDList(batch.randomNormal(new Shape(32, 3, 32, 32))), false);
            out.get(0).toFloatArray();
        }
    }
}
