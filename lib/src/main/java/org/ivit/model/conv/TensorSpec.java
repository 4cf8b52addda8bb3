package org.ivit.model.conv;

import java.util.Arrays;
import java.util.List;
import org.ivit.io.DType;

/** A checkpoint tensor's dtype and shape, comparable by value. */
public record TensorSpec(DType dtype, List<Long> shape) {

    public TensorSpec {
        shape = List.copyOf(shape);
    }

    public static TensorSpec of(DType dtype, long... shape) {
        return new TensorSpec(dtype, Arrays.stream(shape).boxed().toList());
    }

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return dtype + " " + shape;
    }
}
