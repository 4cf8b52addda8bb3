package org.ivit.model.deit;

import ai.djl.Model;
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
import org.ivit.model.FreshModel;
import org.ivit.model.ImageInput;
import org.ivit.model.LastAxisLayerNorm;
import org.ivit.model.ManagedArrays;
import org.ivit.model.MlpActivation;
import org.ivit.model.NamedParameters;
import org.ivit.model.Scalars;
import org.ivit.model.TimmClassifier;
import org.ivit.model.TransformerLayer;
import org.ivit.model.TransformerStack;

/**
 * DeiT as timm builds {@code deit_base_patch16_224} (timm's {@code VisionTransformer}: class token,
 * pre-norm blocks, final LayerNorm, token pooling) and, with {@link DeitConfig#distilled()}, {@code
 * deit_base_distilled_patch16_224} ({@code VisionTransformerDistilled}): a distillation token after
 * the class token and a second head {@code head_dist} reading it; the logits are then the mean of
 * the two heads' logits and the pre-logits the mean of the two tokens (reference README, section
 * 2). The blocks are this project's {@link TransformerLayer}s; parameters carry timm's names.
 *
 * <p>The forward returns {@code [logits, features, tokens]}, as {@link
 * org.ivit.model.VisionTransformer}.
 */
public final class Deit extends AbstractBlock implements TimmClassifier {
    private final DeitConfig config;
    private final Conv2d patchEmbed;
    private final Parameter clsToken;
    private final Parameter distToken;
    private final Parameter posEmbed;
    private final List<TransformerLayer> blocks = new ArrayList<>();
    private final LastAxisLayerNorm norm;
    private final Linear head;
    private final Linear headDist;

    public Deit(DeitConfig config) {
        this.config = config;
        int p = config.patchSize();
        int d = config.embedDim();
        patchEmbed =
                addChildBlock(
                        "patch_embed",
                        Conv2d.builder()
                                .setKernelShape(new Shape(p, p))
                                .optStride(new Shape(p, p))
                                .setFilters(d)
                                .optBias(true)
                                .build());
        clsToken = addParameter(token("cls_token", new Shape(1, 1, d)));
        distToken =
                config.distilled() ? addParameter(token("dist_token", new Shape(1, 1, d))) : null;
        posEmbed =
                addParameter(
                        token(
                                "pos_embed",
                                new Shape(1, config.prefixTokens() + config.patchCount(), d)));
        for (int i = 0; i < config.depth(); i++) {
            blocks.add(
                    addChildBlock(
                            "block" + i,
                            new TransformerLayer(
                                    d,
                                    config.numHeads(),
                                    config.mlpWidth(),
                                    config.eps(),
                                    MlpActivation.GELU,
                                    false)));
        }
        norm = addChildBlock("norm", new LastAxisLayerNorm(d, config.eps()));
        head =
                addChildBlock(
                        "head",
                        Linear.builder().setUnits(config.numClasses()).optBias(true).build());
        headDist =
                config.distilled()
                        ? addChildBlock(
                                "head_dist",
                                Linear.builder()
                                        .setUnits(config.numClasses())
                                        .optBias(true)
                                        .build())
                        : null;
    }

    private static Parameter token(String name, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(shape)
                .optInitializer(new TruncatedNormalInitializer(0.02f))
                .build();
    }

    /** A DeiT in a new DJL Model, initialised from the engine's RNG seeded with {@code seed}. */
    public static Model create(DeitConfig config, int seed) {
        return FreshModel.of(new Deit(config), seed);
    }

    public DeitConfig config() {
        return config;
    }

    public List<TransformerLayer> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    @Override
    public Shape inputShape(long batch) {
        return new Shape(batch, config.inChans(), config.imgSize(), config.imgSize());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = forwardFeatures(ps, inputs.head(), training);
        NDArray features = forwardHead(ps, tokens, training, true);
        return new NDList(forwardHead(ps, tokens, training, false), features, tokens);
    }

    /** timm's {@code forward_features}: the normalised sequence (B, prefix + patches, D). */
    @Override
    public NDArray forwardFeatures(ParameterStore ps, NDArray images, boolean training) {
        NDArray x = TransformerStack.forward(blocks, ps, embed(ps, images, training), training);
        return norm.forward(ps, new NDList(x), training).head();
    }

    /**
     * Images to tokens: patches row-major, prefixed by the class token (and the distillation
     * token), then the position embedding, which covers the prefix tokens too.
     */
    public NDArray embed(ParameterStore ps, NDArray images, boolean training) {
        ImageInput.require(images, "DeiT", config.inChans(), config.imgSize());
        long b = images.getShape().get(0);
        int d = config.embedDim();
        NDArray patches =
                patchEmbed
                        .forward(ps, new NDList(images), training)
                        .head()
                        .reshape(b, d, config.patchCount())
                        .transpose(0, 2, 1);
        NDList sequence = new NDList();
        sequence.add(batchOf(ps, clsToken, images, b, training));
        if (distToken != null) {
            sequence.add(batchOf(ps, distToken, images, b, training));
        }
        sequence.add(patches);
        return NDArrays.concat(sequence, 1)
                .add(ps.getValue(posEmbed, images.getDevice(), training));
    }

    private NDArray batchOf(
            ParameterStore ps, Parameter token, NDArray images, long b, boolean training) {
        NDArray value = ps.getValue(token, images.getDevice(), training);
        return ManagedArrays.onBatchOf(images, value.broadcast(new Shape(b, 1, config.embedDim())));
    }

    @Override
    public int numFeatures() {
        return config.embedDim();
    }

    @Override
    public String classifierPrefix() {
        return "head";
    }

    /**
     * timm's {@code forward_head} on the output of {@link #forwardFeatures}: the class token (the
     * mean of the class and distillation tokens when distilled) with {@code preLogits}, otherwise
     * the logits ({@code head} of the class token; distilled: the mean of {@code head} of the class
     * token and {@code head_dist} of the distillation token).
     */
    @Override
    public NDArray forwardHead(
            ParameterStore ps, NDArray features, boolean training, boolean preLogits) {
        NDArray cls = features.get(new NDIndex(":, 0"));
        if (distToken == null) {
            return preLogits ? cls : head.forward(ps, new NDList(cls), training).head();
        }
        NDArray dist = features.get(new NDIndex(":, 1"));
        if (preLogits) {
            return Scalars.times(cls.add(dist), 0.5);
        }
        NDArray a = head.forward(ps, new NDList(cls), training).head();
        NDArray b = headDist.forward(ps, new NDList(dist), training).head();
        return Scalars.times(a.add(b), 0.5);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        long n = config.prefixTokens() + (long) config.patchCount();
        return new Shape[] {
            new Shape(b, config.numClasses()),
            new Shape(b, config.embedDim()),
            new Shape(b, n, config.embedDim())
        };
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        patchEmbed.initialize(manager, dataType, inputShapes[0]);
        Shape tokens =
                new Shape(b, config.prefixTokens() + (long) config.patchCount(), config.embedDim());
        for (TransformerLayer block : blocks) {
            block.initialize(manager, dataType, tokens);
        }
        norm.initialize(manager, dataType, tokens);
        head.initialize(manager, dataType, new Shape(b, config.embedDim()));
        if (headDist != null) {
            headDist.initialize(manager, dataType, new Shape(b, config.embedDim()));
        }
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        out.put(prefix + "cls_token", clsToken);
        if (distToken != null) {
            out.put(prefix + "dist_token", distToken);
        }
        out.put(prefix + "pos_embed", posEmbed);
        NamedParameters.collect(prefix + "patch_embed.proj.", patchEmbed, out);
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).collectParameters(prefix + "blocks." + i + ".", out);
        }
        norm.collectParameters(prefix + "norm.", out);
        NamedParameters.collect(prefix + "head.", head, out);
        if (headDist != null) {
            NamedParameters.collect(prefix + "head_dist.", headDist, out);
        }
    }
}
