package org.ivit.model.efficientnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import org.ivit.model.NamedParameters;
import org.ivit.model.conv.Activations;
import org.ivit.model.conv.Conv2dLayer;

/**
 * Squeeze-excitation as in timm's EfficientNet blocks (reference README §6.4): mean over H, W,
 * {@code conv_reduce} (1x1, bias) + SiLU, {@code conv_expand} (1x1, bias) + sigmoid, times the
 * input.
 */
public final class SqueezeExcite extends AbstractBlock implements NamedParameters {
    private final Conv2dLayer reduce;
    private final Conv2dLayer expand;

    public SqueezeExcite(int channels, int reduced) {
        reduce = addChildBlock("conv_reduce", new Conv2dLayer(channels, reduced, 1, 1, 0, 1, true));
        expand = addChildBlock("conv_expand", new Conv2dLayer(reduced, channels, 1, 1, 0, 1, true));
    }

    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray s;
        try (NDArray pooled = Activations.globalAveragePoolKeepDims(x);
                NDArray r = reduce.apply(ps, pooled, training)) {
            s = Activations.silu(r);
        }
        try (NDArray a = s;
                NDArray e = expand.apply(ps, a, training);
                NDArray gate = Activation.sigmoid(e)) {
            return x.mul(gate);
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        getChildren().values().forEach(child -> child.initialize(manager, dataType, inputShapes));
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        reduce.collectParameters(prefix + "conv_reduce.", out);
        expand.collectParameters(prefix + "conv_expand.", out);
    }
}
