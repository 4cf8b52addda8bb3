package org.ivit.model.pit;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
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
import org.ivit.model.NamedParameters;
import org.ivit.model.TimmClassifier;

/**
 * PiT as timm builds {@code pit_b_224} (class {@code timm.models.pit.PoolingVisionTransformer};
 * reference README, section 4): an overlapping patch convolution ({@code patch_embed.conv}, kernel
 * {@code patch_size}, stride {@code stride}, no padding) plus an NCHW position embedding on its
 * map, a class token without position embedding, stages {@code transformers.{s}} ({@link PitStage})
 * with depthwise-conv pooling between them, a final LayerNorm on the class token only ({@code
 * norm}) and a linear {@code head}.
 *
 * <p>The forward returns {@code [logits, features, tokens]}, where tokens is timm's {@code
 * forward_features}: the normalised class token, (B, 1, D).
 */
public final class Pit extends AbstractBlock implements TimmClassifier {
    private final PitConfig config;
    private final Conv2d patchEmbed;
    private final Parameter clsToken;
    private final Parameter posEmbed;
    private final List<PitStage> transformers = new ArrayList<>();
    private final LastAxisLayerNorm norm;
    private final Linear head;

    public Pit(PitConfig config) {
        this.config = config;
        int p = config.patchSize();
        int d0 = config.dim(0);
        int g = config.embedGrid();
        patchEmbed =
                addChildBlock(
                        "patch_embed",
                        Conv2d.builder()
                                .setKernelShape(new Shape(p, p))
                                .optStride(new Shape(config.stride(), config.stride()))
                                .setFilters(d0)
                                .optBias(true)
                                .build());
        clsToken =
                addParameter(
                        Parameter.builder()
                                .setName("cls_token")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(1, 1, d0))
                                .optInitializer(new TruncatedNormalInitializer(0.02f))
                                .build());
        posEmbed =
                addParameter(
                        Parameter.builder()
                                .setName("pos_embed")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(1, d0, g, g))
                                .optInitializer(new TruncatedNormalInitializer(0.02f))
                                .build());
        for (int s = 0; s < config.stages(); s++) {
            transformers.add(
                    addChildBlock(
                            "stage" + s,
                            new PitStage(
                                    s == 0 ? 0 : config.dim(s - 1),
                                    config.dim(s),
                                    config.depth().get(s),
                                    config.heads().get(s),
                                    config.mlpWidth(s),
                                    config.eps())));
        }
        int last = config.dim(config.stages() - 1);
        norm = addChildBlock("norm", new LastAxisLayerNorm(last, config.eps()));
        head =
                addChildBlock(
                        "head",
                        Linear.builder().setUnits(config.numClasses()).optBias(true).build());
    }

    /** A PiT in a new DJL Model, initialised from the engine's RNG seeded with {@code seed}. */
    public static Model create(PitConfig config, int seed) {
        return FreshModel.of(new Pit(config), seed);
    }

    public PitConfig config() {
        return config;
    }

    public List<PitStage> transformers() {
        return Collections.unmodifiableList(transformers);
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

    /**
     * timm's {@code forward_features}: the normalised class token after the last stage, (B, 1, D).
     */
    @Override
    public NDArray forwardFeatures(ParameterStore ps, NDArray images, boolean training) {
        ImageInput.require(images, "PiT", config.inChans(), config.imgSize());
        long b = images.getShape().get(0);
        NDArray map =
                patchEmbed
                        .forward(ps, new NDList(images), training)
                        .head()
                        .add(ps.getValue(posEmbed, images.getDevice(), training));
        NDArray cls =
                ManagedArrays.onBatchOf(
                        images,
                        ps.getValue(clsToken, images.getDevice(), training)
                                .broadcast(new Shape(b, 1, config.dim(0))));
        for (PitStage stage : transformers) {
            NDList out = stage.apply(ps, map, cls, training);
            map = out.get(0);
            cls = out.get(1);
        }
        return norm.forward(ps, new NDList(cls), training).head();
    }

    @Override
    public int numFeatures() {
        return config.dim(config.stages() - 1);
    }

    @Override
    public String classifierPrefix() {
        return "head.";
    }

    /** timm's {@code forward_head}: token 0 with {@code preLogits}, else {@code head} of it. */
    @Override
    public NDArray forwardHead(
            ParameterStore ps, NDArray features, boolean training, boolean preLogits) {
        NDArray cls = features.get(new NDIndex(":, 0"));
        return preLogits ? cls : head.forward(ps, new NDList(cls), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        int d = config.dim(config.stages() - 1);
        return new Shape[] {new Shape(b, config.numClasses()), new Shape(b, d), new Shape(b, 1, d)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        patchEmbed.initialize(manager, dataType, inputShapes[0]);
        Shape map = new Shape(b, config.dim(0), config.embedGrid(), config.embedGrid());
        Shape cls = new Shape(b, 1, config.dim(0));
        for (PitStage stage : transformers) {
            stage.initialize(manager, dataType, map, cls);
            Shape[] out = stage.getOutputShapes(new Shape[] {map, cls});
            map = out[0];
            cls = out[1];
        }
        norm.initialize(manager, dataType, cls);
        head.initialize(manager, dataType, new Shape(b, cls.get(2)));
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        out.put(prefix + "cls_token", clsToken);
        out.put(prefix + "pos_embed", posEmbed);
        NamedParameters.collect(prefix + "patch_embed.conv.", patchEmbed, out);
        for (int s = 0; s < transformers.size(); s++) {
            transformers.get(s).collectParameters(prefix + "transformers." + s + ".", out);
        }
        norm.collectParameters(prefix + "norm.", out);
        NamedParameters.collect(prefix + "head.", head, out);
    }
}
