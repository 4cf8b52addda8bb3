package org.ivit.model.pit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ivit.model.MlpActivation;
import org.ivit.model.NamedParameters;
import org.ivit.model.TransformerLayer;

/**
 * One PiT stage ({@code transformers.{s}}; reference README, section 4): for s >= 1 first the
 * pooling ({@code pool.conv}: 3x3, stride 2, padding 1, groups = input width, on the map; {@code
 * pool.fc}: Linear on the class token), then the map flattened row-major behind the class token
 * through pre-norm ViT blocks ({@code blocks.{i}}, this project's {@link TransformerLayer}), and
 * back to a map. Inputs and outputs: the map (B, D, H, W) and the class token (B, 1, D).
 */
public final class PitStage extends AbstractBlock implements NamedParameters {
    private final int dim;
    private final Conv2d poolConv;
    private final int channelMultiplier;
    private final Linear poolFc;
    private final List<TransformerLayer> blocks = new ArrayList<>();

    /** {@code inDim} is the previous stage's width, or 0 for the first stage (no pooling). */
    public PitStage(int inDim, int dim, int depth, int heads, int mlpWidth, float eps) {
        this.dim = dim;
        if (inDim > 0) {
            if (dim % inDim != 0) {
                throw new IllegalArgumentException(
                        "PiT pooling from "
                                + inDim
                                + " to "
                                + dim
                                + " channels needs a whole channel multiplier (groups = "
                                + inDim
                                + ")");
            }
            // timm's conv has groups = inDim and dim / inDim filters per group. Here each input
            // channel is
            // repeated dim / inDim times and a depthwise conv (groups = dim) reads it: the same
            // weights
            // [dim, 1, 3, 3] and the same sums, but libtorch 2.7.1's oneDNN computes the grouped
            // form
            // with a channel multiplier wrongly on AVX-512 AMD Zen 5 (a different garbage element
            // per
            // run; right with DNNL_MAX_CPU_ISA=AVX2), and the depthwise form rightly on every CPU.
            channelMultiplier = dim / inDim;
            poolConv =
                    addChildBlock(
                            "pool_conv",
                            Conv2d.builder()
                                    .setKernelShape(new Shape(3, 3))
                                    .optStride(new Shape(2, 2))
                                    .optPadding(new Shape(1, 1))
                                    .optGroups(dim)
                                    .setFilters(dim)
                                    .optBias(true)
                                    .build());
            poolFc = addChildBlock("pool_fc", Linear.builder().setUnits(dim).optBias(true).build());
        } else {
            poolConv = null;
            poolFc = null;
            channelMultiplier = 1;
        }
        for (int i = 0; i < depth; i++) {
            blocks.add(
                    addChildBlock(
                            "block" + i,
                            new TransformerLayer(
                                    dim, heads, mlpWidth, eps, MlpActivation.GELU, false)));
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return apply(ps, inputs.get(0), inputs.get(1), training);
    }

    /** Returns {@code [map (B, D, H', W'), cls (B, 1, D)]}. */
    public NDList apply(ParameterStore ps, NDArray map, NDArray cls, boolean training) {
        if (poolConv != null) {
            map =
                    poolConv.forward(ps, new NDList(map.repeat(1, channelMultiplier)), training)
                            .head();
            cls = poolFc.forward(ps, new NDList(cls), training).head();
        }
        Shape s = map.getShape();
        long b = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        NDArray x =
                NDArrays.concat(new NDList(cls, map.reshape(b, dim, h * w).transpose(0, 2, 1)), 1);
        for (TransformerLayer block : blocks) {
            x = block.apply(ps, x, training, false)[0];
        }
        NDArray outCls = x.get(new NDIndex(":, :1"));
        NDArray outMap = x.get(new NDIndex(":, 1:")).transpose(0, 2, 1).reshape(b, dim, h, w);
        return new NDList(outMap, outCls);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape m = inputShapes[0];
        long h = poolConv == null ? m.get(2) : (m.get(2) - 1) / 2 + 1;
        long w = poolConv == null ? m.get(3) : (m.get(3) - 1) / 2 + 1;
        return new Shape[] {new Shape(m.get(0), dim, h, w), new Shape(m.get(0), 1, dim)};
    }

    /** Input shapes: the map (B, inDim or D, H, W) and the class token (B, 1, inDim or D). */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        if (poolConv != null) {
            Shape m = inputShapes[0];
            poolConv.initialize(manager, dataType, new Shape(m.get(0), dim, m.get(2), m.get(3)));
            poolFc.initialize(manager, dataType, inputShapes[1]);
        }
        Shape out = getOutputShapes(inputShapes)[0];
        Shape tokens = new Shape(out.get(0), 1 + out.get(2) * out.get(3), dim);
        for (TransformerLayer block : blocks) {
            block.initialize(manager, dataType, tokens);
        }
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        if (poolConv != null) {
            NamedParameters.collect(prefix + "pool.conv.", poolConv, out);
            NamedParameters.collect(prefix + "pool.fc.", poolFc, out);
        }
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).collectParameters(prefix + "blocks." + i + ".", out);
        }
    }
}
