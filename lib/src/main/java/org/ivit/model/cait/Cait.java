package org.ivit.model.cait;

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
import java.util.List;
import java.util.Map;
import org.ivit.model.FreshModel;
import org.ivit.model.ImageInput;
import org.ivit.model.LastAxisLayerNorm;
import org.ivit.model.ManagedArrays;
import org.ivit.model.NamedParameters;
import org.ivit.model.TimmClassifier;

/**
 * CaiT as timm builds {@code cait_s24_224} (class {@code timm.models.cait.Cait}; reference README,
 * section 3): patch tokens plus a position embedding without a class-token entry, LayerScale patch
 * blocks with talking-heads attention ({@code blocks}), then class-attention blocks ({@code
 * blocks_token_only}) in which only the class token is updated, a final LayerNorm over [class;
 * patches] ({@code norm}) and a linear {@code head} on the class token.
 *
 * <p>The forward returns {@code [logits, features, tokens]}.
 */
public final class Cait extends AbstractBlock implements TimmClassifier {
    private final CaitConfig config;
    private final Conv2d patchEmbed;
    private final Parameter clsToken;
    private final Parameter posEmbed;
    private final List<LayerScaleBlock> blocks = new ArrayList<>();
    private final List<ClassAttentionBlock> blocksTokenOnly = new ArrayList<>();
    private final LastAxisLayerNorm norm;
    private final Linear head;

    public Cait(CaitConfig config) {
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
        clsToken =
                addParameter(
                        Parameter.builder()
                                .setName("cls_token")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(1, 1, d))
                                .optInitializer(new TruncatedNormalInitializer(0.02f))
                                .build());
        posEmbed =
                addParameter(
                        Parameter.builder()
                                .setName("pos_embed")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(1, config.patchCount(), d))
                                .optInitializer(new TruncatedNormalInitializer(0.02f))
                                .build());
        for (int i = 0; i < config.depth(); i++) {
            blocks.add(
                    addChildBlock(
                            "block" + i,
                            new LayerScaleBlock(
                                    d,
                                    config.numHeads(),
                                    config.mlpWidth(),
                                    config.eps(),
                                    config.initValues())));
        }
        for (int j = 0; j < config.depthTokenOnly(); j++) {
            blocksTokenOnly.add(
                    addChildBlock(
                            "token_block" + j,
                            new ClassAttentionBlock(
                                    d,
                                    config.numHeads(),
                                    config.mlpWidthTokenOnly(),
                                    config.eps(),
                                    config.initValues())));
        }
        norm = addChildBlock("norm", new LastAxisLayerNorm(d, config.eps()));
        head =
                addChildBlock(
                        "head",
                        Linear.builder().setUnits(config.numClasses()).optBias(true).build());
    }

    /** A CaiT in a new DJL Model, initialised from the engine's RNG seeded with {@code seed}. */
    public static Model create(CaitConfig config, int seed) {
        return FreshModel.of(new Cait(config), seed);
    }

    public CaitConfig config() {
        return config;
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
        return new NDList(
                head.forward(ps, new NDList(features), training).head(), features, tokens);
    }

    /** timm's {@code forward_features}: {@code norm([cls; x])}, (B, 1 + N, D). */
    @Override
    public NDArray forwardFeatures(ParameterStore ps, NDArray images, boolean training) {
        ImageInput.require(images, "CaiT", config.inChans(), config.imgSize());
        long b = images.getShape().get(0);
        int d = config.embedDim();
        NDArray x =
                patchEmbed
                        .forward(ps, new NDList(images), training)
                        .head()
                        .reshape(b, d, config.patchCount())
                        .transpose(0, 2, 1)
                        .add(ps.getValue(posEmbed, images.getDevice(), training));
        for (LayerScaleBlock block : blocks) {
            x = block.apply(ps, x, training);
        }
        NDArray cls =
                ManagedArrays.onBatchOf(
                        images,
                        ps.getValue(clsToken, images.getDevice(), training)
                                .broadcast(new Shape(b, 1, d)));
        for (ClassAttentionBlock block : blocksTokenOnly) {
            cls = block.apply(ps, x, cls, training);
        }
        return norm.forward(ps, new NDList(NDArrays.concat(new NDList(cls, x), 1)), training)
                .head();
    }

    @Override
    public int numFeatures() {
        return config.embedDim();
    }

    @Override
    public String classifierPrefix() {
        return "head.";
    }

    /**
     * timm's {@code forward_head}: the class token with {@code preLogits}, else {@code head} of it.
     */
    @Override
    public NDArray forwardHead(
            ParameterStore ps, NDArray features, boolean training, boolean preLogits) {
        NDArray cls = features.get(new NDIndex(":, 0"));
        return preLogits ? cls : head.forward(ps, new NDList(cls), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        int d = config.embedDim();
        return new Shape[] {
            new Shape(b, config.numClasses()),
            new Shape(b, d),
            new Shape(b, 1L + config.patchCount(), d)
        };
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        int d = config.embedDim();
        patchEmbed.initialize(manager, dataType, inputShapes[0]);
        Shape patches = new Shape(b, config.patchCount(), d);
        for (LayerScaleBlock block : blocks) {
            block.initialize(manager, dataType, patches);
        }
        for (ClassAttentionBlock block : blocksTokenOnly) {
            block.initialize(manager, dataType, patches, new Shape(b, 1, d));
        }
        norm.initialize(manager, dataType, new Shape(b, 1L + config.patchCount(), d));
        head.initialize(manager, dataType, new Shape(b, d));
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        out.put(prefix + "cls_token", clsToken);
        out.put(prefix + "pos_embed", posEmbed);
        NamedParameters.collect(prefix + "patch_embed.proj.", patchEmbed, out);
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).collectParameters(prefix + "blocks." + i + ".", out);
        }
        for (int j = 0; j < blocksTokenOnly.size(); j++) {
            blocksTokenOnly.get(j).collectParameters(prefix + "blocks_token_only." + j + ".", out);
        }
        norm.collectParameters(prefix + "norm.", out);
        NamedParameters.collect(prefix + "head.", head, out);
    }
}
