package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class StatefulAdamTest {
    /**
     * Adam's bias-corrected step on a constant gradient g is lr * g / (|g| + eps): each update
     * moves the weight by almost exactly the rate set at that moment, so a rate set between updates
     * shows.
     */
    @Test
    void eachUpdateUsesTheRateSetBeforeIt() {
        try (NDManager m = NDManager.newBaseManager()) {
            StatefulAdam adam = new StatefulAdam(0.5);
            NDArray weight = m.create(new float[] {1f, -1f});
            NDArray grad = m.create(new float[] {2f, -3f});
            adam.update("w", weight, grad);
            assertEquals(0.5, weight.getFloat(0), 1e-6);
            assertEquals(-0.5, weight.getFloat(1), 1e-6);
            adam.setLearningRate(0.125);
            adam.update("w", weight, grad);
            assertEquals(0.375, weight.getFloat(0), 1e-6);
            assertEquals(-0.375, weight.getFloat(1), 1e-6);
            assertEquals(0.125, adam.learningRate());
        }
    }

    @Test
    void aRateThatIsNotAFiniteNonNegativeNumberIsRefused() {
        StatefulAdam adam = new StatefulAdam(1e-3);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> adam.setLearningRate(Double.NaN));
        assertEquals("learning rate NaN is not a finite value >= 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> adam.setLearningRate(-1e-3));
    }
}
