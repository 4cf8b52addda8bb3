package org.ivit.model.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.Map;
import org.ivit.model.NamedParameters;

/**
 * A classifier {@code y = x W^T + b} with {@code W [out, in]}, its shapes given at construction.
 */
public final class LinearLayer extends AbstractBlock implements NamedParameters {
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    public LinearLayer(int in, int out) {
        this.out = out;
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(out, in))
                                .optInitializer(new NormalInitializer(0.01f))
                                .build());
        bias =
                addParameter(
                        Parameter.builder()
                                .setName("bias")
                                .setType(Parameter.Type.BIAS)
                                .optShape(new Shape(out))
                                .build());
    }

    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return x.getNDArrayInternal()
                .linear(
                        x,
                        ps.getValue(weight, x.getDevice(), training),
                        ps.getValue(bias, x.getDevice(), training))
                .head();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), out)};
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> outMap) {
        outMap.put(prefix + "weight", weight);
        outMap.put(prefix + "bias", bias);
    }
}
