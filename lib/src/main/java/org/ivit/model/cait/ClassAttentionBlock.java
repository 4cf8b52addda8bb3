package org.ivit.model.cait;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 * CaiT's class-attention block ({@code blocks_token_only.{j}}): with {@code u = norm1([cls; x])},
 * {@code cls += gamma_1 * classAttention(u)}, then {@code cls += gamma_2 * mlp(norm2(cls))}; the
 * patch tokens {@code x} are read, never changed. Inputs {@code (x, cls)}, output the new cls (B,
 * 1, D).
 */
public final class ClassAttentionBlock extends AbstractBlock implements NamedParameters {
    private final LastAxisLayerNorm norm1;
    private final ClassAttention attn;
    private final Parameter gamma1;
    private final LastAxisLayerNorm norm2;
    private final CaitMlp mlp;
    private final Parameter gamma2;

    public ClassAttentionBlock(int width, int heads, int mlpWidth, float eps, float initValues) {
        norm1 = addChildBlock("norm1", new LastAxisLayerNorm(width, eps));
        attn = addChildBlock("attn", new ClassAttention(width, heads));
        gamma1 = addParameter(CaitMlp.layerScale("gamma_1", width, initValues));
        norm2 = addChildBlock("norm2", new LastAxisLayerNorm(width, eps));
        mlp = addChildBlock("mlp", new CaitMlp(width, mlpWidth));
        gamma2 = addParameter(CaitMlp.layerScale("gamma_2", width, initValues));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), training));
    }

    /** The class token (B, 1, D) after this block, given the patch tokens (B, N, D). */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray cls, boolean training) {
        NDManager owner = cls.getManager();
        try (NDManager scope = owner.newSubManager()) {
            cls.tempAttach(scope);
            NDArray g1 = ps.getValue(gamma1, cls.getDevice(), training);
            NDArray g2 = ps.getValue(gamma2, cls.getDevice(), training);
            NDArray u =
                    norm1.forward(ps, new NDList(NDArrays.concat(new NDList(cls, x), 1)), training)
                            .head();
            NDArray c = cls.add(attn.forward(ps, new NDList(u), training).head().mul(g1));
            NDArray out =
                    c.add(
                            mlp.forward(ps, norm2.forward(ps, new NDList(c), training), training)
                                    .head()
                                    .mul(g2));
            out.attach(owner);
            return out;
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[1]};
    }

    /** Input shapes: patch tokens (B, N, D), class token (B, 1, D). */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape cls = inputShapes[1];
        Shape u = new Shape(x.get(0), x.get(1) + 1, x.get(2));
        norm1.initialize(manager, dataType, u);
        attn.initialize(manager, dataType, u);
        norm2.initialize(manager, dataType, cls);
        mlp.initialize(manager, dataType, cls);
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
