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
 * A pre-norm transformer layer: {@code x += attn(norm1(x)); x += fc2(act(fc1(norm2(x))))}. Public
 * names follow timm: norm1, attn.qkv, attn.proj, norm2, mlp.fc1, mlp.fc2.
 */
public final class TransformerLayer extends AbstractBlock implements NamedParameters {
    private final LastAxisLayerNorm norm1;
    private final SelfAttention attn;
    private final LastAxisLayerNorm norm2;
    private final Linear fc1;
    private final Linear fc2;
    private final MlpActivation activation;

    public TransformerLayer(
            int width,
            int heads,
            int mlpWidth,
            float eps,
            MlpActivation activation,
            boolean causal) {
        this.activation = activation;
        norm1 = addChildBlock("norm1", new LastAxisLayerNorm(width, eps));
        attn = addChildBlock("attn", new SelfAttention(width, heads, causal));
        norm2 = addChildBlock("norm2", new LastAxisLayerNorm(width, eps));
        fc1 = addChildBlock("fc1", Linear.builder().setUnits(mlpWidth).optBias(true).build());
        fc2 = addChildBlock("fc2", Linear.builder().setUnits(width).optBias(true).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training, false));
    }

    /**
     * Runs the layer; with {@code keepAttention} the second array holds the attention weights. The
     * layer's intermediate arrays are closed when it returns, as PyTorch frees them: otherwise the
     * batch's manager would hold every activation of the pass until the batch ends. Autograd keeps
     * its own references to what the backward pass needs.
     */
    public NDArray[] apply(ParameterStore ps, NDArray x, boolean training, boolean keepAttention) {
        NDManager owner = x.getManager();
        try (NDManager layerScope = owner.newSubManager()) {
            x.tempAttach(layerScope); // results of ops on x land in x's manager, so in this scope
            NDArray[] attended =
                    attn.attend(
                            ps,
                            norm1.forward(ps, new NDList(x), training).head(),
                            training,
                            keepAttention);
            NDArray h = x.add(attended[0]);
            NDArray hidden =
                    fc1.forward(
                                    ps,
                                    new NDList(norm2.forward(ps, new NDList(h), training).head()),
                                    training)
                            .head();
            NDArray out =
                    h.add(fc2.forward(ps, new NDList(activation.apply(hidden)), training).head());
            out.attach(owner);
            if (keepAttention) {
                attended[1].attach(owner);
                return new NDArray[] {out, attended[1]};
            }
            return new NDArray[] {out};
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = inputShapes[0];
        norm1.initialize(manager, dataType, tokens);
        attn.initialize(manager, dataType, tokens);
        norm2.initialize(manager, dataType, tokens);
        fc1.initialize(manager, dataType, tokens);
        fc2.initialize(manager, dataType, fc1.getOutputShapes(new Shape[] {tokens}));
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        norm1.collectParameters(prefix + "norm1.", out);
        attn.collectParameters(prefix + "attn.", out);
        norm2.collectParameters(prefix + "norm2.", out);
        NamedParameters.collect(prefix + "mlp.fc1.", fc1, out);
        NamedParameters.collect(prefix + "mlp.fc2.", fc2, out);
    }
}
