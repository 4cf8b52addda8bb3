package org.ivit.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The float32 matrix-product speed of this process's libtorch: the best of a few n x n products, in
 * GFLOP/s.
 */
final class SgemmProbe {
    private SgemmProbe() {}

    static double gflops(int n, int repeats) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = manager.randomUniform(-1, 1, new Shape(n, n));
            a.matMul(b).getFloat(0, 0); // warm-up: thread pool and kernel choice
            double[] seconds = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0);
                }
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
            double best = Arrays.stream(seconds).min().orElseThrow();
            return Math.round(2.0 * n * n * n / best / 1e9 * 10) / 10.0;
        }
    }
}
