package org.ivit.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ivit.model.LastAxisLayerNorm;
import org.ivit.model.ManagedArrays;
import org.ivit.model.NamedParameters;
import org.ivit.model.TransformerLayer;
import org.ivit.model.TransformerStack;

/**
 * CLIP's text tower, computing what Hugging Face's {@code CLIPModel.get_text_features} computes:
 * token + position embeddings, causal pre-norm layers, final LayerNorm, the hidden state at the
 * end-of-text token, then the bias-free text projection.
 *
 * <p>The end-of-text token is found as the position of the largest id (OpenAI's rule; for CLIP's
 * vocabulary it is also Hugging Face's first end token, whatever the padding). Because of the
 * causal mask nothing after it changes the result, so by default a batch is cut to its longest real
 * length.
 */
public final class ClipTextEncoder extends AbstractBlock implements NamedParameters {
    private final ClipTextConfig config;
    private final Parameter tokenEmbedding;
    private final Parameter positionEmbedding;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final LastAxisLayerNorm finalNorm;
    private final Linear projection;
    private final int projectionDim;

    public ClipTextEncoder(ClipTextConfig config, int projectionDim) {
        this.config = config;
        this.projectionDim = projectionDim;
        // CLIP's own initialisation (token 0.02, positions 0.01); only random-weight models keep it
        tokenEmbedding =
                addParameter(
                        Parameter.builder()
                                .setName("token_embedding")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(config.vocabSize(), config.width()))
                                .optInitializer(new NormalInitializer(0.02f))
                                .build());
        positionEmbedding =
                addParameter(
                        Parameter.builder()
                                .setName("position_embedding")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(config.contextLength(), config.width()))
                                .optInitializer(new NormalInitializer(0.01f))
                                .build());
        for (int i = 0; i < config.layers(); i++) {
            layers.add(
                    addChildBlock(
                            "layer" + i,
                            new TransformerLayer(
                                    config.width(),
                                    config.heads(),
                                    config.mlpWidth(),
                                    config.eps(),
                                    config.activation(),
                                    true)));
        }
        finalNorm =
                addChildBlock(
                        "final_layer_norm", new LastAxisLayerNorm(config.width(), config.eps()));
        projection =
                addChildBlock(
                        "text_projection",
                        Linear.builder().setUnits(projectionDim).optBias(false).build());
    }

    public ClipTextConfig config() {
        return config;
    }

    /**
     * Input: I64 ids (B, L). Output: [text_embeds (B, E), pooler_output (B, W), last_hidden_state
     * (B, L', W)].
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return encode(ps, inputs.head(), training, true);
    }

    /**
     * Encodes token ids (B, L), L at most the context length. With {@code trim} the sequence is cut
     * after the batch's last end-of-text token, so last_hidden_state is (B, L', W) with L' &lt;= L;
     * the embeddings and pooled states are the same either way.
     */
    public NDList encode(ParameterStore ps, NDArray ids, boolean training, boolean trim) {
        checkIds(ids);
        NDArray endPositions = ids.argMax(1); // (B): the first position of the largest id
        long length = ids.getShape().get(1);
        if (trim) {
            length = endPositions.max().getLong() + 1;
            ids = ids.get(new NDIndex(":, :{}", length));
        }
        NDArray tokens = ps.getValue(tokenEmbedding, ids.getDevice(), training);
        NDArray positions = ps.getValue(positionEmbedding, ids.getDevice(), training);
        NDArray x =
                ManagedArrays.onBatchOf(
                        ids, Embedding.embedding(ids, tokens, SparseFormat.DENSE).head());
        x = x.add(ManagedArrays.onBatchOf(ids, positions.get(new NDIndex(":{}", length))));
        x =
                TransformerStack.forward(
                        layers, ps, x, training); // causal: the layers mask later tokens
        NDArray hidden = finalNorm.forward(ps, new NDList(x), training).head();
        long b = hidden.getShape().get(0);
        NDArray index = endPositions.reshape(b, 1, 1).repeat(2, config.width());
        NDArray pooled = hidden.gather(index, 1).squeeze(1);
        NDArray embeds = projection.forward(ps, new NDList(pooled), training).head();
        return new NDList(embeds, pooled, hidden);
    }

    private void checkIds(NDArray ids) {
        Shape s = ids.getShape();
        if (s.dimension() != 2 || s.get(1) > config.contextLength() || s.get(1) < 1) {
            throw new IllegalArgumentException(
                    "input_ids have shape "
                            + s
                            + " but this CLIP expects (B, L) with L <= "
                            + config.contextLength());
        }
        if (ids.getDataType() != DataType.INT64) {
            throw new IllegalArgumentException("input_ids must be INT64, not " + ids.getDataType());
        }
        long largest = ids.max().getLong();
        long smallest = ids.min().getLong();
        if (smallest < 0 || largest >= config.vocabSize()) {
            throw new IllegalArgumentException(
                    "input_ids hold ids in ["
                            + smallest
                            + ", "
                            + largest
                            + "], outside this CLIP's vocabulary of "
                            + config.vocabSize());
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {
            new Shape(b, projectionDim),
            new Shape(b, config.width()),
            new Shape(b, inputShapes[0].get(1), config.width())
        };
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = new Shape(1, config.contextLength(), config.width());
        for (TransformerLayer layer : layers) {
            layer.initialize(manager, dataType, tokens);
        }
        finalNorm.initialize(manager, dataType, tokens);
        projection.initialize(manager, dataType, new Shape(1, config.width()));
    }

    /**
     * Hugging Face names outside the layers; timm names inside them (see {@link ClipWeightNaming}).
     */
    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        out.put(prefix + "text_model.embeddings.token_embedding.weight", tokenEmbedding);
        out.put(prefix + "text_model.embeddings.position_embedding.weight", positionEmbedding);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).collectParameters(prefix + "text_model.encoder.layers." + i + ".", out);
        }
        finalNorm.collectParameters(prefix + "text_model.final_layer_norm.", out);
        NamedParameters.collect(prefix + "text_projection.", projection, out);
    }
}
