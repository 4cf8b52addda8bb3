package org.ivit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * Multi-head self-attention with a fused qkv projection (rows [q; k; v], as timm's {@code attn.qkv}
 * and OpenAI's {@code in_proj_weight}) and an optional causal mask (CLIP text). Head h uses
 * features [h*headDim, (h+1)*headDim) of q, k and v.
 */
public final class SelfAttention extends AbstractBlock implements NamedParameters {
    private final int width;
    private final int heads;
    private final boolean causal;
    private final Linear qkv;
    private final Linear proj;

    public SelfAttention(int width, int heads, boolean causal) {
        if (width % heads != 0) {
            throw new IllegalArgumentException(
                    "width " + width + " is not divisible by " + heads + " heads");
        }
        this.width = width;
        this.heads = heads;
        this.causal = causal;
        qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * width).optBias(true).build());
        proj = addChildBlock("proj", Linear.builder().setUnits(width).optBias(true).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(attend(ps, inputs.singletonOrThrow(), training, false));
    }

    /**
     * Attends over (B, N, D) tokens. With {@code keepWeights} it returns the attention weights (B,
     * heads, N, N) as a second array.
     */
    NDArray[] attend(ParameterStore ps, NDArray x, boolean training, boolean keepWeights) {
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);
        int headDim = width / heads;
        NDArray fused =
                qkv.forward(ps, new NDList(x), training)
                        .head()
                        .reshape(b, n, 3, heads, headDim)
                        .transpose(2, 0, 3, 1, 4); // (3, B, H, N, hd)
        NDList parts = fused.split(3, 0);
        NDArray q = Scalars.times(parts.get(0).squeeze(0), 1.0 / Math.sqrt(headDim));
        NDArray k = parts.get(1).squeeze(0);
        NDArray v = parts.get(2).squeeze(0);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
        if (causal) {
            scores = scores.add(causalMask(x.getManager(), n));
        }
        NDArray weights = scores.softmax(-1);
        NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(b, n, width);
        NDArray out = proj.forward(ps, new NDList(mixed), training).head();
        return keepWeights ? new NDArray[] {out, weights} : new NDArray[] {out};
    }

    /** -inf above the diagonal: position i sees positions 0..i only. */
    private static NDArray causalMask(NDManager manager, long n) {
        int size = (int) n;
        float[] mask = new float[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                mask[i * size + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return manager.create(mask, new Shape(n, n));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        qkv.initialize(manager, dataType, inputShapes[0]);
        proj.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        NamedParameters.collect(prefix + "qkv.", qkv, out);
        NamedParameters.collect(prefix + "proj.", proj, out);
    }
}
