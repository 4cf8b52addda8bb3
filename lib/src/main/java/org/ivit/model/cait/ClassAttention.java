package org.ivit.model.cait;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import org.ivit.model.NamedParameters;
import org.ivit.model.Scalars;

/**
 * CaiT's class attention (timm names {@code q, k, v, proj}): the query comes from the class token
 * (sequence index 0) only, keys and values from the whole sequence, class token included; plain
 * softmax attention per head. Input (B, 1 + N, D), output (B, 1, D): the class token's update.
 */
public final class ClassAttention extends AbstractBlock implements NamedParameters {
    private final int width;
    private final int heads;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear proj;

    public ClassAttention(int width, int heads) {
        this.width = width;
        this.heads = heads;
        q = addChildBlock("q", Linear.builder().setUnits(width).optBias(true).build());
        k = addChildBlock("k", Linear.builder().setUnits(width).optBias(true).build());
        v = addChildBlock("v", Linear.builder().setUnits(width).optBias(true).build());
        proj = addChildBlock("proj", Linear.builder().setUnits(width).optBias(true).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray u = inputs.singletonOrThrow();
        long b = u.getShape().get(0);
        long n = u.getShape().get(1);
        int headDim = width / heads;
        NDArray query =
                q.forward(ps, new NDList(u.get(new NDIndex(":, :1"))), training)
                        .head()
                        .reshape(b, 1, heads, headDim)
                        .transpose(0, 2, 1, 3); // (B, H, 1, hd)
        NDArray keys =
                k.forward(ps, new NDList(u), training)
                        .head()
                        .reshape(b, n, heads, headDim)
                        .transpose(0, 2, 1, 3);
        NDArray values =
                v.forward(ps, new NDList(u), training)
                        .head()
                        .reshape(b, n, heads, headDim)
                        .transpose(0, 2, 1, 3);
        NDArray weights =
                Scalars.times(query, 1.0 / Math.sqrt(headDim))
                        .matMul(keys.transpose(0, 1, 3, 2))
                        .softmax(-1);
        NDArray mixed = weights.matMul(values).transpose(0, 2, 1, 3).reshape(b, 1, width);
        return proj.forward(ps, new NDList(mixed), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1, width)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = inputShapes[0];
        Shape cls = new Shape(tokens.get(0), 1, width);
        q.initialize(manager, dataType, cls);
        k.initialize(manager, dataType, tokens);
        v.initialize(manager, dataType, tokens);
        proj.initialize(manager, dataType, cls);
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        NamedParameters.collect(prefix + "q.", q, out);
        NamedParameters.collect(prefix + "k.", k, out);
        NamedParameters.collect(prefix + "v.", v, out);
        NamedParameters.collect(prefix + "proj.", proj, out);
    }
}
