package org.ivit.clip;

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
 * CLIP's vision tower, computing what Hugging Face's {@code CLIPModel.get_image_features} computes:
 * bias-free patch convolution, class embedding first, position embeddings, {@code pre_layrnorm},
 * the layers (no mask), {@code post_layernorm} on the class token, then the bias-free projection.
 */
public final class ClipVisionEncoder extends AbstractBlock implements NamedParameters {
    private final ClipVisionConfig config;
    private final Conv2d patchEmbedding;
    private final Parameter classEmbedding;
    private final Parameter positionEmbedding;
    private final LastAxisLayerNorm preNorm;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final LastAxisLayerNorm postNorm;
    private final Linear projection;

    public ClipVisionEncoder(ClipVisionConfig config, int projectionDim) {
        this.config = config;
        int p = config.patchSize();
        float scale =
                (float)
                        Math.pow(
                                config.width(),
                                -0.5); // CLIP's initialisation, for random-weight models
        patchEmbedding =
                addChildBlock(
                        "patch_embedding",
                        Conv2d.builder()
                                .setKernelShape(new Shape(p, p))
                                .optStride(new Shape(p, p))
                                .setFilters(config.width())
                                .optBias(false)
                                .build());
        classEmbedding =
                addParameter(
                        Parameter.builder()
                                .setName("class_embedding")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(config.width()))
                                .optInitializer(new NormalInitializer(scale))
                                .build());
        positionEmbedding =
                addParameter(
                        Parameter.builder()
                                .setName("position_embedding")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(config.tokenCount(), config.width()))
                                .optInitializer(new NormalInitializer(scale))
                                .build());
        preNorm =
                addChildBlock("pre_layrnorm", new LastAxisLayerNorm(config.width(), config.eps()));
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
                                    false)));
        }
        postNorm =
                addChildBlock(
                        "post_layernorm", new LastAxisLayerNorm(config.width(), config.eps()));
        projection =
                addChildBlock(
                        "visual_projection",
                        Linear.builder().setUnits(projectionDim).optBias(false).build());
    }

    public ClipVisionConfig config() {
        return config;
    }

    /**
     * Input: F32 pixels (B, C, S, S). Output: [image_embeds (B, E), pooler_output (B, W),
     * last_hidden_state (B, N, W)].
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return encode(ps, inputs.head(), training);
    }

    /**
     * last_hidden_state is the encoder output before {@code post_layernorm}, as Hugging Face
     * returns it.
     */
    public NDList encode(ParameterStore ps, NDArray pixels, boolean training) {
        checkPixels(pixels);
        long b = pixels.getShape().get(0);
        int width = config.width();
        NDArray patches =
                patchEmbedding.forward(ps, new NDList(pixels), training).head(); // (B, W, g, g)
        patches = patches.reshape(b, width, config.tokenCount() - 1L).transpose(0, 2, 1);
        NDArray cls = ps.getValue(classEmbedding, pixels.getDevice(), training);
        NDArray clsBatch =
                ManagedArrays.onBatchOf(
                        pixels, cls.reshape(1, 1, width).broadcast(new Shape(b, 1, width)));
        NDArray positions = ps.getValue(positionEmbedding, pixels.getDevice(), training);
        NDArray x = NDArrays.concat(new NDList(clsBatch, patches), 1).add(positions);
        x = preNorm.forward(ps, new NDList(x), training).head();
        x = TransformerStack.forward(layers, ps, x, training);
        NDArray pooled =
                postNorm.forward(ps, new NDList(x.get(new NDIndex(":, 0"))), training).head();
        NDArray embeds = projection.forward(ps, new NDList(pooled), training).head();
        return new NDList(embeds, pooled, x);
    }

    private void checkPixels(NDArray pixels) {
        Shape s = pixels.getShape();
        if (s.dimension() != 4
                || s.get(1) != config.channels()
                || s.get(2) != config.imageSize()
                || s.get(3) != config.imageSize()) {
            throw new IllegalArgumentException(
                    "pixel_values have shape "
                            + s
                            + " but this CLIP expects (B, "
                            + config.channels()
                            + ", "
                            + config.imageSize()
                            + ", "
                            + config.imageSize()
                            + ")");
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {
            projection.getOutputShapes(new Shape[] {new Shape(b, config.width())})[0],
            new Shape(b, config.width()),
            new Shape(b, config.tokenCount(), config.width())
        };
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        patchEmbedding.initialize(
                manager,
                dataType,
                new Shape(1, config.channels(), config.imageSize(), config.imageSize()));
        Shape tokens = new Shape(1, config.tokenCount(), config.width());
        preNorm.initialize(manager, dataType, tokens);
        for (TransformerLayer layer : layers) {
            layer.initialize(manager, dataType, tokens);
        }
        postNorm.initialize(manager, dataType, tokens);
        projection.initialize(manager, dataType, new Shape(1, config.width()));
    }

    /**
     * Hugging Face names outside the layers; timm names inside them (see {@link ClipWeightNaming}).
     */
    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        out.put(prefix + "vision_model.embeddings.class_embedding", classEmbedding);
        NamedParameters.collect(
                prefix + "vision_model.embeddings.patch_embedding.", patchEmbedding, out);
        out.put(prefix + "vision_model.embeddings.position_embedding.weight", positionEmbedding);
        preNorm.collectParameters(prefix + "vision_model.pre_layrnorm.", out);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).collectParameters(prefix + "vision_model.encoder.layers." + i + ".", out);
        }
        postNorm.collectParameters(prefix + "vision_model.post_layernorm.", out);
        NamedParameters.collect(prefix + "visual_projection.", projection, out);
    }
}
