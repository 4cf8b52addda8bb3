package org.ivit.model.efficientnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.ivit.model.ImageInput;
import org.ivit.model.TimmClassifier;
import org.ivit.model.conv.Activations;
import org.ivit.model.conv.BatchNorm2d;
import org.ivit.model.conv.Conv2dLayer;
import org.ivit.model.conv.LinearLayer;
import org.ivit.model.efficientnet.EfficientNetConfig.BlockSpec;

/**
 * timm's {@code EfficientNet} for {@code efficientnet_b0..b3} (reference README §6): {@code
 * conv_stem} 3x3 stride 2 -> {@code bn1} + SiLU; {@code blocks.{stage}.{index}}; {@code conv_head}
 * 1x1 -> {@code bn2} + SiLU (= {@code forward_features}); global average pooling; {@code
 * classifier}. Eval mode only: timm's dropout before the classifier and drop-path are not applied.
 * Its forward returns {@code [logits, features, featureMap]}.
 */
public final class EfficientNet extends AbstractBlock implements TimmClassifier {
    private final EfficientNetConfig config;
    private final Conv2dLayer convStem;
    private final BatchNorm2d bn1;
    private final List<List<EfficientNetBlock>> stages = new ArrayList<>();
    private final Conv2dLayer convHead;
    private final BatchNorm2d bn2;
    private final LinearLayer classifier;

    public EfficientNet(EfficientNetConfig config) {
        this.config = config;
        float eps = EfficientNetConfig.BATCH_NORM_EPS;
        int stem = config.stemChannels();
        convStem = addChildBlock("conv_stem", Conv2dLayer.plain(config.inChans(), stem, 3, 2));
        bn1 = addChildBlock("bn1", new BatchNorm2d(stem, eps));
        int last = stem;
        for (List<BlockSpec> specs : config.stages()) {
            List<EfficientNetBlock> blocks = new ArrayList<>();
            for (BlockSpec spec : specs) {
                blocks.add(
                        addChildBlock(
                                spec.name().replace('.', '_'), EfficientNetBlock.of(spec, eps)));
                last = spec.out();
            }
            stages.add(Collections.unmodifiableList(blocks));
        }
        convHead = addChildBlock("conv_head", Conv2dLayer.plain(last, config.numFeatures(), 1, 1));
        bn2 = addChildBlock("bn2", new BatchNorm2d(config.numFeatures(), eps));
        classifier =
                addChildBlock(
                        "classifier", new LinearLayer(config.numFeatures(), config.numClasses()));
    }

    public EfficientNetConfig config() {
        return config;
    }

    /** Any size fits; the channels are the config's. */
    @Override
    public Shape inputShape(long batch) {
        return new Shape(batch, config.inChans(), 64, 64);
    }

    /** {@code stages().get(s).get(j)} is timm's {@code blocks.s.j}. */
    public List<List<EfficientNetBlock>> stages() {
        return Collections.unmodifiableList(stages);
    }

    @Override
    public int numFeatures() {
        return config.numFeatures();
    }

    @Override
    public String classifierPrefix() {
        return "classifier.";
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray map = forwardFeatures(ps, inputs.head(), training);
        NDArray features = forwardHead(ps, map, training, true);
        return new NDList(classifier.apply(ps, features, training), features, map);
    }

    @Override
    public NDArray forwardFeatures(ParameterStore ps, NDArray images, boolean training) {
        ImageInput.require(images, "EfficientNet", config.inChans(), ImageInput.ANY_SIZE);
        NDArray x;
        try (NDArray c = convStem.apply(ps, images, training);
                NDArray b = bn1.apply(ps, c, training)) {
            x = Activations.silu(b);
        }
        for (List<EfficientNetBlock> stage : stages) {
            for (EfficientNetBlock block : stage) {
                try (NDArray in = x) {
                    x = block.apply(ps, in, training);
                }
            }
        }
        try (NDArray in = x;
                NDArray c = convHead.apply(ps, in, training);
                NDArray b = bn2.apply(ps, c, training)) {
            return Activations.silu(b);
        }
    }

    @Override
    public NDArray forwardHead(
            ParameterStore ps, NDArray features, boolean training, boolean preLogits) {
        NDArray pooled = Activations.globalAveragePool(features);
        if (preLogits) {
            return pooled;
        }
        try (pooled) {
            return classifier.apply(ps, pooled, training);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long h = (s.get(2) - 1) / 2 + 1;
        long w = (s.get(3) - 1) / 2 + 1;
        for (List<EfficientNetBlock> stage : stages) {
            for (EfficientNetBlock block : stage) {
                h = (h - 1) / block.spec().stride() + 1;
                w = (w - 1) / block.spec().stride() + 1;
            }
        }
        long b = s.get(0);
        return new Shape[] {
            new Shape(b, config.numClasses()),
            new Shape(b, numFeatures()),
            new Shape(b, numFeatures(), h, w)
        };
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        getChildren().values().forEach(child -> child.initialize(manager, dataType, inputShapes));
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        convStem.collectParameters(prefix + "conv_stem.", out);
        bn1.collectParameters(prefix + "bn1.", out);
        for (List<EfficientNetBlock> stage : stages) {
            for (EfficientNetBlock block : stage) {
                block.collectParameters(prefix + block.spec().name() + ".", out);
            }
        }
        convHead.collectParameters(prefix + "conv_head.", out);
        bn2.collectParameters(prefix + "bn2.", out);
        classifier.collectParameters(prefix + "classifier.", out);
    }
}
