package org.ivit.clip;

import java.util.List;

/**
 * How one model parameter is made from checkpoint tensors: copied, transposed (OpenAI's {@code x @
 * proj} matrices) or the rows of several stacked (Hugging Face's separate q, k, v).
 */
record TensorRecipe(String parameter, List<String> sources, Assembly assembly) {

    enum Assembly {
        COPY,
        TRANSPOSE,
        STACK_ROWS
    }

    static TensorRecipe copy(String parameter, String source) {
        return new TensorRecipe(parameter, List.of(source), Assembly.COPY);
    }

    static TensorRecipe transpose(String parameter, String source) {
        return new TensorRecipe(parameter, List.of(source), Assembly.TRANSPOSE);
    }

    static TensorRecipe stackRows(String parameter, List<String> sources) {
        return new TensorRecipe(parameter, List.copyOf(sources), Assembly.STACK_ROWS);
    }

    /** The shape each source must have for a parameter of {@code shape}. */
    long[] sourceShape(long[] shape) {
        return switch (assembly) {
            case COPY -> shape.clone();
            case TRANSPOSE -> new long[] {shape[1], shape[0]};
            case STACK_ROWS -> {
                long[] part = shape.clone();
                part[0] = shape[0] / sources.size();
                yield part;
            }
        };
    }

    /** The parameter's values from its sources' values (row-major). */
    float[] assemble(List<float[]> values, long[] sourceShape) {
        return switch (assembly) {
            case COPY -> values.get(0);
            case TRANSPOSE -> transposed(values.get(0), (int) sourceShape[0], (int) sourceShape[1]);
            case STACK_ROWS -> {
                int total = values.stream().mapToInt(v -> v.length).sum();
                float[] out = new float[total];
                int at = 0;
                for (float[] v : values) {
                    System.arraycopy(v, 0, out, at, v.length);
                    at += v.length;
                }
                yield out;
            }
        };
    }

    private static float[] transposed(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }
}
