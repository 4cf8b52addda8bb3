package org.ivit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.function.BiFunction;

/**
 * A method's training loss as DJL's {@link Loss}: the one the trainer is configured with is the one
 * the engine evaluates. Labels are the (soft) targets, predictions the block's outputs.
 */
final class MethodLoss extends Loss {
    private final BiFunction<NDList, NDArray, NDArray> loss;

    MethodLoss(String name, BiFunction<NDList, NDArray, NDArray> loss) {
        super(name);
        this.loss = loss;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return loss.apply(predictions, labels.head());
    }
}
