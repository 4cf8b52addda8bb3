package org.ivit.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Loss values against numbers worked out by hand (python's math module), gradients by finite
 * differences.
 */
class InstructionLossTest {

    @Test
    void paperVariantIsCrossEntropyOverScaledLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray s = m.create(new float[] {1, 2, 3}, new Shape(1, 3));
            assertEquals(
                    0.40760596,
                    SimilarityLoss.PAPER.of(s, m.create(new long[] {2})).getFloat(),
                    1e-6);
            assertEquals(
                    0.80760596,
                    SimilarityLoss.PAPER
                            .of(s, m.create(new float[] {0.1f, 0.2f, 0.7f}, new Shape(1, 3)))
                            .getFloat(),
                    1e-6);
        }
    }

    @Test
    void authorsVariantAppliesCrossEntropyToSoftmaxProbabilities() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray s = m.create(new float[] {1, 2, 3}, new Shape(1, 3));
            assertEquals(
                    0.79719033,
                    SimilarityLoss.AUTHORS.of(s, m.create(new long[] {2})).getFloat(),
                    1e-6);
            assertEquals(
                    0.93881387,
                    SimilarityLoss.AUTHORS
                            .of(s, m.create(new float[] {0.1f, 0.2f, 0.7f}, new Shape(1, 3)))
                            .getFloat(),
                    1e-6);
        }
    }

    @Test
    void totalIsHeadCrossEntropyPlusSimilarityAveragedOverTheBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray head = m.create(new float[] {0.5f, -1f, 2f, 0.5f, -1f, 2f}, new Shape(2, 3));
            NDArray sim = m.create(new float[] {1, 2, 3, 1, 2, 3}, new Shape(2, 3));
            NDArray labels = m.create(new long[] {0, 2});
            float total =
                    new InstructionLoss(SimilarityLoss.PAPER).of(head, sim, labels).getFloat();
            // head: sample 0 label 0 -> 1.74131130, sample 1 label 2 -> -(2 - lse) = 0.24131130;
            // sim: 2.40760596, 0.40760596
            double expected = (1.74131130 + 0.24131130) / 2 + (2.40760596 + 0.40760596) / 2;
            assertEquals(expected, total, 1e-5);
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesForBothVariantsAndSoftTargets() {
        for (SimilarityLoss variant : SimilarityLoss.values()) {
            checkGradient(variant, new float[] {0.05f, 0.05f, 0.8f, 0.1f, 0.6f, 0.2f, 0.1f, 0.1f});
        }
    }

    private static void checkGradient(SimilarityLoss variant, float[] softTargets) {
        float[] start = {0.3f, -1.2f, 2.0f, 0.7f, 1.5f, 0.1f, -0.4f, 0.9f};
        Shape shape = new Shape(2, 4);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray targets = m.create(softTargets, shape).toType(DataType.FLOAT64, false);
            Function<NDArray, NDArray> loss =
                    x -> new InstructionLoss(variant).of(x.mul(0.5), x, targets);
            NDArray x = m.create(start, shape).toType(DataType.FLOAT64, false);
            x.setRequiresGradient(true);
            double[] analytic;
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(loss.apply(x));
                analytic = x.getGradient().toDoubleArray();
            }
            double h = 1e-6;
            for (int i = 0; i < start.length; i++) {
                double[] plus = toDoubles(start);
                double[] minus = toDoubles(start);
                plus[i] += h;
                minus[i] -= h;
                double numeric =
                        (loss.apply(m.create(plus, shape)).getDouble()
                                        - loss.apply(m.create(minus, shape)).getDouble())
                                / (2 * h);
                assertEquals(numeric, analytic[i], 1e-6, variant + " d/dx[" + i + "]");
            }
        }
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
