package org.ivit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The K+1 prompt selection inside Instruction-ViT, with class indices given explicitly: the K kept
 * prompts in the given order, then the mean of the other N-K, checked against numbers worked out by
 * hand; K &ge; N means all prompts.
 */
class InstructionViTSelectionTest {
    private static final int N = 5;
    private static final int DIM = 3;

    /** Prompt c is (c, 10c, 100c + 1): easy to average by hand. */
    private static final float[] BANK = {
        0, 0, 1,
        1, 10, 101,
        2, 20, 201,
        3, 30, 301,
        4, 40, 401
    };

    private static Model model() {
        VitConfig config =
                VitConfig.builder()
                        .imgSize(32)
                        .patchSize(8)
                        .depth(1)
                        .numHeads(2)
                        .embedDim(32)
                        .mlpWidth(64)
                        .numClasses(N)
                        .build();
        InstructionViT ivit =
                new InstructionViT(config, DIM, InstructionViT.DEFAULT_SIMILARITY_SCALE);
        Model model = Model.newInstance("ivit-selection");
        model.setBlock(ivit);
        ivit.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 32, 32));
        ivit.setPrompts(BANK);
        return model;
    }

    @Test
    void explicitIndicesKeepThosePromptsInOrderPlusTheMeanOfTheOthers() {
        try (Model model = model();
                NDManager batch = model.getNDManager().newSubManager()) {
            InstructionViT ivit = (InstructionViT) model.getBlock();
            NDArray images = batch.randomNormal(new Shape(2, 3, 32, 32));
            NDArray selected = batch.create(new long[] {2, 0, 4, 1}, new Shape(2, 2));
            NDArray inputs =
                    ivit.promptInputs(new ParameterStore(batch, false), images, selected, false);
            assertArrayEquals(new long[] {2, 3, DIM}, inputs.getShape().getShape());
            // image 0 keeps classes 2 and 0; the rest are 1, 3, 4: mean (8/3, 80/3, 803/3)
            // image 1 keeps classes 4 and 1; the rest are 0, 2, 3: mean (5/3, 50/3, 503/3)
            float[] expected = {
                2, 20, 201, 0, 0, 1, 8 / 3f, 80 / 3f, 803 / 3f,
                4, 40, 401, 1, 10, 101, 5 / 3f, 50 / 3f, 503 / 3f
            };
            assertArrayEquals(expected, inputs.toFloatArray(), 1e-4f);
        }
    }

    @Test
    void theForwardPassWithASelectionGivesKPlusOneSimilaritiesAndDependsOnIt() {
        try (Model model = model();
                NDManager batch = model.getNDManager().newSubManager()) {
            InstructionViT ivit = (InstructionViT) model.getBlock();
            ParameterStore ps = new ParameterStore(batch, false);
            NDArray images = batch.randomNormal(new Shape(2, 3, 32, 32));
            NDList all = ivit.forward(ps, new NDList(images), false);
            NDList chosen =
                    ivit.forward(
                            ps,
                            new NDList(
                                    images, batch.create(new long[] {2, 0, 4, 1}, new Shape(2, 2))),
                            false);
            assertArrayEquals(new long[] {2, N}, chosen.get(0).getShape().getShape());
            assertArrayEquals(new long[] {2, 3}, chosen.get(1).getShape().getShape());
            assertArrayEquals(new long[] {2, N}, all.get(1).getShape().getShape());
            assertFalse(
                    Arrays.equals(all.get(0).toFloatArray(), chosen.get(0).toFloatArray()),
                    "the selected prompts must change the class token's logits");
            NDList swapped =
                    ivit.forward(
                            ps,
                            new NDList(
                                    images, batch.create(new long[] {0, 2, 1, 4}, new Shape(2, 2))),
                            false);
            // the same kept classes in the other order: the same tokens, permuted; the class token
            // cannot tell
            assertArrayEquals(chosen.get(0).toFloatArray(), swapped.get(0).toFloatArray(), 1e-4f);
            float[] a = chosen.get(1).toFloatArray();
            float[] b = swapped.get(1).toFloatArray();
            assertArrayEquals(new float[] {a[1], a[0], a[2], a[4], a[3], a[5]}, b, 1e-3f);
        }
    }

    @Test
    void kOfNOrMoreFallsBackToAllPrompts() {
        try (Model model = model();
                NDManager batch = model.getNDManager().newSubManager()) {
            InstructionViT ivit = (InstructionViT) model.getBlock();
            ParameterStore ps = new ParameterStore(batch, false);
            NDArray images = batch.randomNormal(new Shape(2, 3, 32, 32));
            NDList none = ivit.forward(ps, new NDList(images), false);
            NDArray ranked =
                    batch.create(new long[] {4, 3, 2, 1, 0, 1, 0, 4, 2, 3}, new Shape(2, N));
            NDArray inputs = ivit.promptInputs(ps, images, ranked, false);
            float[] twice = new float[2 * BANK.length];
            System.arraycopy(BANK, 0, twice, 0, BANK.length);
            System.arraycopy(BANK, 0, twice, BANK.length, BANK.length);
            assertArrayEquals(twice, inputs.toFloatArray(), "K = N: all prompts in label order");
            for (NDArray selection :
                    new NDArray[] {ranked, batch.zeros(new Shape(2, N + 2), DataType.INT64)}) {
                NDList out = ivit.forward(ps, new NDList(images, selection), false);
                assertArrayEquals(
                        none.get(0).toFloatArray(),
                        out.get(0).toFloatArray(),
                        "K = " + selection.getShape().get(1));
                assertArrayEquals(
                        none.get(1).toFloatArray(),
                        out.get(1).toFloatArray(),
                        "K = " + selection.getShape().get(1));
            }
        }
    }

    @Test
    void theSelectionRejectsAnEmptyKAndAMismatchedBatch() {
        try (Model model = model();
                NDManager batch = model.getNDManager().newSubManager()) {
            InstructionViT ivit = (InstructionViT) model.getBlock();
            NDArray bank = batch.create(BANK, new Shape(N, DIM));
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            InstructionViT.selectedPlusRest(
                                    bank, batch.zeros(new Shape(2, 0), DataType.INT64)));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    ivit.promptInputs(
                                            new ParameterStore(batch, false),
                                            batch.zeros(new Shape(3, 3, 32, 32)),
                                            batch.zeros(new Shape(2, 2), DataType.INT64),
                                            false));
            assertEquals("class indices (2, 2) for a batch of 3 images", e.getMessage());
        }
    }
}
