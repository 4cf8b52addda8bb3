package org.ivit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;

/** Element-wise closeness as numpy.allclose: |a - e| <= atol + rtol * |e|. */
public final class Tensors {
    private Tensors() {}

    public static void assertClose(
            float[] expected,
            NDArray actual,
            long[] expectedShape,
            double atol,
            double rtol,
            String what) {
        assertArrayEquals(expectedShape, actual.getShape().getShape(), what + ": shape");
        assertClose(expected, actual.toFloatArray(), atol, rtol, what);
    }

    public static void assertClose(
            float[] expected, float[] actual, double atol, double rtol, String what) {
        if (expected.length != actual.length) {
            fail(what + ": " + actual.length + " values, expected " + expected.length);
        }
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.length; i++) {
            double excess =
                    Math.abs(actual[i] - expected[i]) - (atol + rtol * Math.abs(expected[i]));
            if (!(excess <= 0) && (worstAt < 0 || excess > worst)) {
                worst = excess;
                worstAt = i;
            }
        }
        if (worstAt >= 0) {
            fail(
                    what
                            + ": element "
                            + worstAt
                            + " is "
                            + actual[worstAt]
                            + ", expected "
                            + expected[worstAt]);
        }
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
