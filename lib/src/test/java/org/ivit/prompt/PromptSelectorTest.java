package org.ivit.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class PromptSelectorTest {
    /** 5 classes, D = 2: prompt c is (c, 10c). */
    private static NDArray prompts(NDManager m) {
        return m.create(new float[] {0, 0, 1, 10, 2, 20, 3, 30, 4, 40}, new Shape(5, 2));
    }

    @Test
    void keepsTheTopKInScoreOrderAndAveragesTheRest() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray scores =
                    m.create(
                            new float[] {0.1f, 0.9f, 0.3f, 0.8f, 0.2f, 5, 4, 3, 2, 1},
                            new Shape(2, 5));
            PromptSelection s = PromptSelector.topKPlusOne(scores, prompts(m), 2);
            assertArrayEquals(new long[] {2, 2}, s.classIndices().getShape().getShape());
            assertArrayEquals(new long[] {1, 3, 0, 1}, s.classIndices().toLongArray());
            assertArrayEquals(new long[] {2, 3, 2}, s.tokens().getShape().getShape());
            float rest0 = (0 + 2 + 4) / 3f;
            float rest1 = (2 + 3 + 4) / 3f;
            assertArrayEquals(
                    new float[] {1, 10, 3, 30, rest0, rest0 * 10, 0, 0, 1, 10, rest1, rest1 * 10},
                    s.tokens().toFloatArray(),
                    1e-5f);
        }
    }

    @Test
    void kOfNOrMoreKeepsAllPromptsInLabelOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray scores = m.randomUniform(0, 1, new Shape(3, 5));
            PromptSelection s = PromptSelector.topKPlusOne(scores, prompts(m), 7);
            assertArrayEquals(new long[] {3, 5, 2}, s.tokens().getShape().getShape());
            assertArrayEquals(new long[] {0, 1, 2, 3, 4}, s.classIndices().get(2).toLongArray());
            assertArrayEquals(prompts(m).toFloatArray(), s.tokens().get(1).toFloatArray());
        }
    }

    /** Kept prompts get the gradient of their slot, the others 1/(N-K) of the mean token's. */
    @Test
    void gradientsReachThePrompts() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = prompts(m);
            p.setRequiresGradient(true);
            NDArray scores = m.create(new float[] {0, 9, 0, 8, 0}, new Shape(1, 5));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                PromptSelection s = PromptSelector.topKPlusOne(scores, p, 2);
                collector.backward(s.tokens().sum());
            }
            float third = 1 / 3f;
            assertArrayEquals(
                    new float[] {third, third, 1, 1, third, third, 1, 1, third, third},
                    p.getGradient().toFloatArray(),
                    1e-6f);
        }
    }

    @Test
    void rejectsMismatchedShapesAndZeroK() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> PromptSelector.topKPlusOne(m.zeros(new Shape(2, 4)), prompts(m), 2));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> PromptSelector.topKPlusOne(m.zeros(new Shape(2, 5)), prompts(m), 0));
        }
    }
}
