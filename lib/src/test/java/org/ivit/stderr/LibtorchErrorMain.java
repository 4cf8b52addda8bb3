package org.ivit.stderr;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.ivit.model.StrictWeightLoader;

/**
 * A child process for {@link CleanStderrTest}: copies values into a parameter the way weight
 * loading does, then runs a libtorch op that fails (a matrix product of mismatched shapes) and lets
 * the engine's exception end the process, as an unexpected error in any command would.
 */
public final class LibtorchErrorMain {
    private LibtorchErrorMain() {}

    public static void main(String[] args) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p =
                    Parameter.builder()
                            .setName("w")
                            .setType(Parameter.Type.WEIGHT)
                            .optShape(new Shape(2, 3))
                            .build();
            p.initialize(manager, DataType.FLOAT32);
            StrictWeightLoader.copyInto(p, new float[] {1, 2, 3, 4, 5, 6});
            System.out.println("copied: " + java.util.Arrays.toString(p.getArray().toFloatArray()));
            System.out.flush();
            manager.ones(new Shape(2, 3)).matMul(manager.ones(new Shape(2, 3)));
        }
    }
}
