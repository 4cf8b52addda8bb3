package org.ivit.model.resnet;

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

/**
 * timm's {@code ResNet} with {@link Bottleneck} blocks and timm's defaults (reference README §5):
 * stem {@code conv1} 7x7 stride 2 padding 3 -> {@code bn1} -> ReLU -> max pool 3x3 stride 2 padding
 * 1; stages {@code layer1..layer4} (stride 1, 2, 2, 2 on each stage's first block); global average
 * pooling; {@code fc}. Its forward returns {@code [logits, features, featureMap]}: logits, the
 * pooled pre-logits vector and the last feature map (timm's {@code forward_features}).
 */
public final class ResNet extends AbstractBlock implements TimmClassifier {
    private final ResNetConfig config;
    private final Conv2dLayer conv1;
    private final BatchNorm2d bn1;
    private final List<List<Bottleneck>> stages = new ArrayList<>();
    private final LinearLayer fc;

    public ResNet(ResNetConfig config) {
        this.config = config;
        float eps = ResNetConfig.BATCH_NORM_EPS;
        conv1 =
                addChildBlock(
                        "conv1",
                        new Conv2dLayer(config.inChans(), config.stemWidth(), 7, 2, 3, 1, false));
        bn1 = addChildBlock("bn1", new BatchNorm2d(config.stemWidth(), eps));
        int in = config.stemWidth();
        for (int s = 0; s < 4; s++) {
            List<Bottleneck> blocks = new ArrayList<>();
            int width = config.channels().get(s);
            for (int j = 0; j < config.layers().get(s); j++) {
                int stride = j == 0 && s > 0 ? 2 : 1;
                blocks.add(
                        addChildBlock(
                                "layer" + (s + 1) + "_" + j,
                                new Bottleneck(in, width, stride, eps)));
                in = ResNetConfig.EXPANSION * width;
            }
            stages.add(Collections.unmodifiableList(blocks));
        }
        fc = addChildBlock("fc", new LinearLayer(config.numFeatures(), config.numClasses()));
    }

    public ResNetConfig config() {
        return config;
    }

    /** Any size fits; the channels are the config's. */
    @Override
    public Shape inputShape(long batch) {
        return new Shape(batch, config.inChans(), 64, 64);
    }

    /** {@code stages().get(0)} is timm's {@code layer1}. */
    public List<List<Bottleneck>> stages() {
        return Collections.unmodifiableList(stages);
    }

    @Override
    public int numFeatures() {
        return config.numFeatures();
    }

    @Override
    public String classifierPrefix() {
        return "fc.";
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray map = forwardFeatures(ps, inputs.head(), training);
        NDArray features = forwardHead(ps, map, training, true);
        return new NDList(fc.apply(ps, features, training), features, map);
    }

    /** The stem: conv1, bn1, ReLU, max pool. */
    public NDArray stem(ParameterStore ps, NDArray images, boolean training) {
        try (NDArray c = conv1.apply(ps, images, training);
                NDArray b = bn1.apply(ps, c, training);
                NDArray a = Activations.relu(b)) {
            // Max pooling pads with -inf, so padding never wins (as PyTorch's MaxPool2d).
            return a.getNDArrayInternal()
                    .maxPool(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
        }
    }

    @Override
    public NDArray forwardFeatures(ParameterStore ps, NDArray images, boolean training) {
        checkImages(images);
        NDArray x = stem(ps, images, training);
        for (List<Bottleneck> stage : stages) {
            for (Bottleneck block : stage) {
                try (NDArray in = x) {
                    x = block.apply(ps, in, training);
                }
            }
        }
        return x;
    }

    @Override
    public NDArray forwardHead(
            ParameterStore ps, NDArray features, boolean training, boolean preLogits) {
        NDArray pooled = Activations.globalAveragePool(features);
        if (preLogits) {
            return pooled;
        }
        try (pooled) {
            return fc.apply(ps, pooled, training);
        }
    }

    private void checkImages(NDArray images) {
        ImageInput.require(images, "ResNet", config.inChans(), ImageInput.ANY_SIZE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long h = s.get(2);
        long w = s.get(3);
        // stem /4, then stride 2 in three stages (PyTorch's floor arithmetic with k3 p1 and k7 p3)
        for (int i = 0; i < 5; i++) {
            h = (h - 1) / 2 + 1;
            w = (w - 1) / 2 + 1;
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
        conv1.collectParameters(prefix + "conv1.", out);
        bn1.collectParameters(prefix + "bn1.", out);
        for (int s = 0; s < stages.size(); s++) {
            for (int j = 0; j < stages.get(s).size(); j++) {
                stages.get(s)
                        .get(j)
                        .collectParameters(prefix + "layer" + (s + 1) + "." + j + ".", out);
            }
        }
        fc.collectParameters(prefix + "fc.", out);
    }
}
