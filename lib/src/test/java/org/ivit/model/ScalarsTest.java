package org.ivit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalarsTest {
    /**
     * The backward pass reads the scalar after the garbage collector has run and the freed direct
     * memory has been handed out again and filled with NaN. With DJL's mul(Number)/div(Number) the
     * gradient came out NaN or wrong here; the scalars must outlive the op.
     */
    @Test
    void gradientsThroughScalarsSurviveTheGarbageCollector() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1f, 2f, 3f});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Scalars.dividedBy(Scalars.times(x, 3.0), 4.0).sum();
                clobberFreedDirectMemory();
                collector.backward(y);
            }
            assertArrayEquals(
                    new float[] {0.75f, 0.75f, 0.75f}, x.getGradient().toFloatArray(), 0f);
        }
    }

    private static void clobberFreedDirectMemory() {
        for (int round = 0; round < 5; round++) {
            System.gc();
            List<ByteBuffer> filler = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                b.putFloat(0, Float.NaN);
                filler.add(b);
            }
        }
    }
}
