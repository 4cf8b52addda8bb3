package org.ivit.model.cait;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import org.ivit.model.LastAxisLayerNorm;
import org.ivit.model.NamedParameters;

/**
 * CaiT's patch block ({@code blocks.{i}}): {@code x += gamma_1 * TH(norm1(x)); x += gamma_2 *
 * mlp(norm2(x))}, LayerScale per channel, talking-heads attention.
 */
public final class LayerScaleBlock extends AbstractBlock implements NamedParameters {
    private final LastAxisLayerNorm norm1;
    private final TalkingHeadAttention attn;
    private final Parameter gamma1;
    private final LastAxisLayerNorm norm2;
    private final CaitMlp mlp;
    private final Parameter gamma2;

    public LayerScaleBlock(int width, int heads, int mlpWidth, float eps, float initValues) {
        norm1 = addChildBlock("norm1", new LastAxisLayerNorm(width, eps));
        attn = addChildBlock("attn", new TalkingHeadAttention(width, heads));
        gamma1 = addParameter(CaitMlp.layerScale("gamma_1", width, initValues));
        norm2 = addChildBlock("norm2", new LastAxisLayerNorm(width, eps));
        mlp = addChildBlock("mlp", new CaitMlp(width, mlpWidth));
        gamma2 = addParameter(CaitMlp.layerScale("gamma_2", width, initValues));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    /**
     * Runs the block, closing its intermediates on return (as {@link
     * org.ivit.model.TransformerLayer}).
     */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDManager owner = x.getManager();
        try (NDManager scope = owner.newSubManager()) {
            x.tempAttach(scope);
            NDArray g1 = ps.getValue(gamma1, x.getDevice(), training);
            NDArray g2 = ps.getValue(gamma2, x.getDevice(), training);
            NDArray attended =
                    attn.forward(ps, norm1.forward(ps, new NDList(x), training), training).head();
            NDArray h = x.add(attended.mul(g1));
            NDArray mixed =
                    mlp.forward(ps, norm2.forward(ps, new NDList(h), training), training).head();
            NDArray out = h.add(mixed.mul(g2));
            out.attach(owner);
            return out;
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
        mlp.initialize(manager, dataType, tokens);
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        norm1.collectParameters(prefix + "norm1.", out);
        attn.collectParameters(prefix + "attn.", out);
        out.put(prefix + "gamma_1", gamma1);
        norm2.collectParameters(prefix + "norm2.", out);
        mlp.collectParameters(prefix + "mlp.", out);
        out.put(prefix + "gamma_2", gamma2);
    }
}
