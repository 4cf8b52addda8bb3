package org.ivit.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Locale;

/**
 * The one way a network becomes a DJL {@link Model} with initialised parameters: seed the engine's
 * RNG, put the block in a new model, initialise it for an input shape. Every family, the run's
 * model and the reference checks start here, so the same seed gives the same initial values.
 */
public final class FreshModel {
    private FreshModel() {}

    /**
     * {@code block} in a new model, its parameters drawn from the engine's RNG seeded with {@code
     * seed}.
     */
    public static Model of(Block block, int seed, Shape... inputs) {
        return of(block.getClass().getSimpleName().toLowerCase(Locale.ROOT), block, seed, inputs);
    }

    /** {@link #of(Block, int, Shape...)} under the model name {@code name}. */
    public static Model of(String name, Block block, int seed, Shape... inputs) {
        Engine.getInstance().setRandomSeed(seed);
        Model model = Model.newInstance(name);
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, inputs);
        return model;
    }

    /** A timm classifier at its own example input ({@link TimmClassifier#inputShape}). */
    public static Model of(TimmClassifier network, int seed) {
        return of((Block) network, seed, network.inputShape(1));
    }
}
