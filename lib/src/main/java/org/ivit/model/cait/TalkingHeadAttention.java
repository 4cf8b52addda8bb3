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
import ai.djl.util.PairList;
import java.util.Map;
import org.ivit.model.NamedParameters;
import org.ivit.model.Scalars;

/**
 * CaiT's talking-heads self-attention (timm names {@code qkv, proj_l, proj_w, proj}): per-head
 * logits of the scaled queries and keys, mixed across heads by {@code proj_l} before the softmax
 * and by {@code proj_w} after it (not renormalised), then applied to the values (reference README,
 * section 3, "Talking-heads attention").
 */
public final class TalkingHeadAttention extends AbstractBlock implements NamedParameters {
    private final int width;
    private final int heads;
    private final Linear qkv;
    private final Linear projL;
    private final Linear projW;
    private final Linear proj;

    public TalkingHeadAttention(int width, int heads) {
        this.width = width;
        this.heads = heads;
        qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * width).optBias(true).build());
        projL = addChildBlock("proj_l", Linear.builder().setUnits(heads).optBias(true).build());
        projW = addChildBlock("proj_w", Linear.builder().setUnits(heads).optBias(true).build());
        proj = addChildBlock("proj", Linear.builder().setUnits(width).optBias(true).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);
        int headDim = width / heads;
        NDList parts =
                qkv.forward(ps, new NDList(x), training)
                        .head()
                        .reshape(b, n, 3, heads, headDim)
                        .transpose(2, 0, 3, 1, 4)
                        .split(3, 0); // 3 x (1, B, H, N, hd)
        NDArray q = Scalars.times(parts.get(0).squeeze(0), 1.0 / Math.sqrt(headDim));
        NDArray k = parts.get(1).squeeze(0);
        NDArray v = parts.get(2).squeeze(0);
        NDArray logits = mixHeads(ps, projL, q.matMul(k.transpose(0, 1, 3, 2)), training);
        NDArray weights = mixHeads(ps, projW, logits.softmax(-1), training);
        NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(b, n, width);
        return proj.forward(ps, new NDList(mixed), training);
    }

    /** A Linear over the head axis of (B, H, N, N), for every query/key pair. */
    private static NDArray mixHeads(
            ParameterStore ps, Linear mix, NDArray perHead, boolean training) {
        NDArray headsLast = perHead.transpose(0, 2, 3, 1);
        return mix.forward(ps, new NDList(headsLast), training).head().transpose(0, 3, 1, 2);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = inputShapes[0];
        qkv.initialize(manager, dataType, tokens);
        Shape perPair = new Shape(tokens.get(0), tokens.get(1), tokens.get(1), heads);
        projL.initialize(manager, dataType, perPair);
        projW.initialize(manager, dataType, perPair);
        proj.initialize(manager, dataType, tokens);
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        NamedParameters.collect(prefix + "qkv.", qkv, out);
        NamedParameters.collect(prefix + "proj_l.", projL, out);
        NamedParameters.collect(prefix + "proj_w.", projW, out);
        NamedParameters.collect(prefix + "proj.", proj, out);
    }
}
