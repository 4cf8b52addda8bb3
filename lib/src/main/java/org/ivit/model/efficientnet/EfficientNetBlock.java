package org.ivit.model.efficientnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ivit.model.NamedParameters;
import org.ivit.model.efficientnet.EfficientNetConfig.BlockSpec;

/**
 * A block of {@code blocks.{stage}.{index}}: {@link DepthwiseSeparableConv} or {@link
 * InvertedResidual}.
 */
public abstract sealed class EfficientNetBlock extends AbstractBlock implements NamedParameters
        permits DepthwiseSeparableConv, InvertedResidual {
    protected final BlockSpec spec;

    protected EfficientNetBlock(BlockSpec spec) {
        this.spec = spec;
    }

    public static EfficientNetBlock of(BlockSpec spec, float eps) {
        return spec.depthwiseSeparable()
                ? new DepthwiseSeparableConv(spec, eps)
                : new InvertedResidual(spec, eps);
    }

    public BlockSpec spec() {
        return spec;
    }

    /** The block's output; intermediates are closed (autograd keeps what backward needs). */
    public abstract NDArray apply(ParameterStore ps, NDArray x, boolean training);

    /** Adds the input when the block has a skip (stride 1, in == out); closes {@code y} then. */
    protected NDArray withSkip(NDArray y, NDArray x) {
        if (!spec.hasSkip()) {
            return y;
        }
        try (y) {
            return y.add(x);
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long h = (s.get(2) - 1) / spec.stride() + 1;
        long w = (s.get(3) - 1) / spec.stride() + 1;
        return new Shape[] {new Shape(s.get(0), spec.out(), h, w)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        getChildren().values().forEach(child -> child.initialize(manager, dataType, inputShapes));
    }
}
