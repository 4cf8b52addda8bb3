package org.ivit.model;

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
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The ViT of timm's {@code VisionTransformer} (class token, pre-norm, final LayerNorm, linear
 * head), with timm's parameter names. Its forward returns {@code [logits, features, tokens]}: the
 * head output, the normalised class token and the whole normalised sequence.
 *
 * <p>The stages are timm's: {@link #forwardFeatures} (embed, blocks, final norm) and {@link
 * #forwardHead} (class token, then the head). The forward loop is written here once;
 * Instruction-ViT and VPT add their tokens through a {@link TokenHook} and do not copy it; the
 * layer loop itself is {@link TransformerStack}, shared with the CLIP towers.
 */
public final class VisionTransformer extends AbstractBlock implements TimmClassifier {
    private final VitConfig config;
    private final Conv2d patchEmbed;
    private final Parameter clsToken;
    private final Parameter posEmbed;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final LastAxisLayerNorm norm;
    private final Linear head;

    public VisionTransformer(VitConfig config) {
        this.config = config;
        int p = config.patchSize();
        patchEmbed =
                addChildBlock(
                        "patch_embed",
                        Conv2d.builder()
                                .setKernelShape(new Shape(p, p))
                                .optStride(new Shape(p, p))
                                .setFilters(config.width())
                                .optBias(true)
                                .build());
        clsToken =
                addParameter(
                        Parameter.builder()
                                .setName("cls_token")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(1, 1, config.width()))
                                .optInitializer(new TruncatedNormalInitializer(0.02f))
                                .build());
        posEmbed =
                addParameter(
                        Parameter.builder()
                                .setName("pos_embed")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(1, config.patchCount() + 1, config.width()))
                                .optInitializer(new TruncatedNormalInitializer(0.02f))
                                .build());
        for (int i = 0; i < config.depth(); i++) {
            layers.add(
                    addChildBlock(
                            "block" + i,
                            new TransformerLayer(
                                    config.width(),
                                    config.heads(),
                                    config.mlpWidth(),
                                    config.eps(),
                                    MlpActivation.GELU,
                                    false)));
        }
        norm = addChildBlock("norm", new LastAxisLayerNorm(config.width(), config.eps()));
        head =
                addChildBlock(
                        "head", Linear.builder().setUnits(config.classes()).optBias(true).build());
    }

    public VitConfig config() {
        return config;
    }

    @Override
    public Shape inputShape(long batch) {
        return new Shape(batch, config.channels(), config.imageSize(), config.imageSize());
    }

    public List<TransformerLayer> layers() {
        return Collections.unmodifiableList(layers);
    }

    public Linear head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = forwardFeatures(ps, inputs.head(), training);
        NDArray features = forwardHead(ps, tokens, training, true);
        return new NDList(classify(ps, features, training), features, tokens);
    }

    /**
     * {@link #forwardFeatures(ParameterStore, NDArray, boolean, TokenHook, boolean)}'s tokens and,
     * when asked for, the last layer's attention.
     */
    public record Features(NDArray tokens, NDArray lastAttention) {}

    /** timm's {@code forward_features}: the normalised sequence (B, 1 + patches, D). */
    @Override
    public NDArray forwardFeatures(ParameterStore ps, NDArray images, boolean training) {
        return forwardFeatures(ps, images, training, TokenHook.NONE, false).tokens();
    }

    /**
     * The forward loop, embed &rarr; layers &rarr; norm, with {@code hook}'s tokens: the normalised
     * sequence (B, L, D), and the last layer's attention probabilities if {@code
     * keepLastAttention}.
     */
    public Features forwardFeatures(
            ParameterStore ps,
            NDArray images,
            boolean training,
            TokenHook hook,
            boolean keepLastAttention) {
        TransformerStack.Output out =
                TransformerStack.forward(
                        layers, ps, embed(ps, images, training), training, hook, keepLastAttention);
        return new Features(normalize(ps, out.hidden(), training), out.lastAttention());
    }

    /**
     * timm's {@code forward_head}: the class token (token 0) with {@code preLogits}, else the
     * head's logits on it.
     */
    @Override
    public NDArray forwardHead(
            ParameterStore ps, NDArray tokens, boolean training, boolean preLogits) {
        NDArray cls = tokens.get(new NDIndex(":, 0"));
        return preLogits ? cls : classify(ps, cls, training);
    }

    @Override
    public int numFeatures() {
        return config.width();
    }

    @Override
    public String classifierPrefix() {
        return "head.";
    }

    /**
     * Images (B, C, H, W) to tokens (B, 1 + patches, D): class token first, position embedding
     * added.
     */
    public NDArray embed(ParameterStore ps, NDArray images, boolean training) {
        checkImages(images);
        long b = images.getShape().get(0);
        NDArray patches =
                patchEmbed.forward(ps, new NDList(images), training).head(); // (B, D, g, g)
        patches = patches.reshape(b, config.width(), config.patchCount()).transpose(0, 2, 1);
        NDArray cls = ps.getValue(clsToken, images.getDevice(), training);
        NDArray clsBatch =
                ManagedArrays.onBatchOf(images, cls.broadcast(new Shape(b, 1, config.width())));
        NDArray pos = ps.getValue(posEmbed, images.getDevice(), training);
        return NDArrays.concat(new NDList(clsBatch, patches), 1).add(pos);
    }

    private void checkImages(NDArray images) {
        ImageInput.require(images, "ViT", config.channels(), config.imageSize());
    }

    /** The final LayerNorm over every token. */
    public NDArray normalize(ParameterStore ps, NDArray tokens, boolean training) {
        return norm.forward(ps, new NDList(tokens), training).head();
    }

    /** The linear head on (B, D) features. */
    public NDArray classify(ParameterStore ps, NDArray features, boolean training) {
        return head.forward(ps, new NDList(features), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        long n = config.patchCount() + 1L;
        return new Shape[] {
            new Shape(b, config.classes()),
            new Shape(b, config.width()),
            new Shape(b, n, config.width())
        };
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        patchEmbed.initialize(manager, dataType, inputShapes[0]);
        Shape tokens = new Shape(b, config.patchCount() + 1L, config.width());
        for (TransformerLayer layer : layers) {
            layer.initialize(manager, dataType, tokens);
        }
        norm.initialize(manager, dataType, tokens);
        head.initialize(manager, dataType, new Shape(b, config.width()));
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        NamedParameters.collect(prefix + "patch_embed.proj.", patchEmbed, out);
        out.put(prefix + "cls_token", clsToken);
        out.put(prefix + "pos_embed", posEmbed);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).collectParameters(prefix + "blocks." + i + ".", out);
        }
        norm.collectParameters(prefix + "norm.", out);
        NamedParameters.collect(prefix + "head.", head, out);
    }
}
