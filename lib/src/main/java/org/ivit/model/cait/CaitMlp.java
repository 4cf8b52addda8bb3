package org.ivit.model.cait;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.Map;
import org.ivit.model.MlpActivation;
import org.ivit.model.NamedParameters;

/** timm's {@code Mlp} as CaiT's blocks use it: {@code fc2(GELU(fc1(x)))}, exact GELU. */
final class CaitMlp extends AbstractBlock implements NamedParameters {
    private final Linear fc1;
    private final Linear fc2;

    CaitMlp(int width, int hidden) {
        fc1 = addChildBlock("fc1", Linear.builder().setUnits(hidden).optBias(true).build());
        fc2 = addChildBlock("fc2", Linear.builder().setUnits(width).optBias(true).build());
    }

    /** A LayerScale vector {@code gamma_*} of shape (D), initialised to {@code initValues}. */
    static Parameter layerScale(String name, int width, float initValues) {
        Initializer constant = (manager, shape, type) -> manager.full(shape, initValues, type);
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(width))
                .optInitializer(constant)
                .build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = fc1.forward(ps, inputs, training).head();
        return fc2.forward(ps, new NDList(MlpActivation.GELU.apply(hidden)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        fc1.initialize(manager, dataType, inputShapes[0]);
        fc2.initialize(manager, dataType, fc1.getOutputShapes(inputShapes));
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        NamedParameters.collect(prefix + "fc1.", fc1, out);
        NamedParameters.collect(prefix + "fc2.", fc2, out);
    }
}
