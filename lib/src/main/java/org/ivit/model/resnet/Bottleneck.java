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
import java.util.Map;
import org.ivit.model.NamedParameters;
import org.ivit.model.conv.Activations;
import org.ivit.model.conv.BatchNorm2d;
import org.ivit.model.conv.Conv2dLayer;

/**
 * timm's (torchvision's) {@code Bottleneck}, "ResNet v1.5": 1x1 conv to width w, 3x3 conv carrying
 * the stride, 1x1 conv to 4w, each followed by BatchNorm, ReLU after the first two and after the
 * residual sum. The shortcut is {@code downsample.0} (1x1 conv, same stride) and {@code
 * downsample.1} (BatchNorm) when the stride or width changes (reference README §5).
 */
public final class Bottleneck extends AbstractBlock implements NamedParameters {
    private final Conv2dLayer conv1;
    private final BatchNorm2d bn1;
    private final Conv2dLayer conv2;
    private final BatchNorm2d bn2;
    private final Conv2dLayer conv3;
    private final BatchNorm2d bn3;
    private final Conv2dLayer downsampleConv;
    private final BatchNorm2d downsampleBn;

    public Bottleneck(int in, int width, int stride, float eps) {
        int out = ResNetConfig.EXPANSION * width;
        conv1 = addChildBlock("conv1", Conv2dLayer.plain(in, width, 1, 1));
        bn1 = addChildBlock("bn1", new BatchNorm2d(width, eps));
        conv2 = addChildBlock("conv2", Conv2dLayer.plain(width, width, 3, stride));
        bn2 = addChildBlock("bn2", new BatchNorm2d(width, eps));
        conv3 = addChildBlock("conv3", Conv2dLayer.plain(width, out, 1, 1));
        bn3 = addChildBlock("bn3", new BatchNorm2d(out, eps));
        if (stride != 1 || in != out) {
            downsampleConv =
                    addChildBlock("downsample_conv", Conv2dLayer.plain(in, out, 1, stride));
            downsampleBn = addChildBlock("downsample_bn", new BatchNorm2d(out, eps));
        } else {
            downsampleConv = null;
            downsampleBn = null;
        }
    }

    public boolean hasDownsample() {
        return downsampleConv != null;
    }

    /** The block's output; intermediates are closed (autograd keeps what backward needs). */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray y;
        try (NDArray c1 = conv1.apply(ps, x, training);
                NDArray b1 = bn1.apply(ps, c1, training)) {
            y = Activations.relu(b1);
        }
        try (NDArray a1 = y;
                NDArray c2 = conv2.apply(ps, a1, training);
                NDArray b2 = bn2.apply(ps, c2, training)) {
            y = Activations.relu(b2);
        }
        try (NDArray a2 = y;
                NDArray c3 = conv3.apply(ps, a2, training)) {
            y = bn3.apply(ps, c3, training);
        }
        if (downsampleConv == null) {
            try (NDArray b3 = y;
                    NDArray sum = b3.add(x)) {
                return Activations.relu(sum);
            }
        }
        try (NDArray b3 = y;
                NDArray dc = downsampleConv.apply(ps, x, training);
                NDArray shortcut = downsampleBn.apply(ps, dc, training);
                NDArray sum = b3.add(shortcut)) {
            return Activations.relu(sum);
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = conv2.getOutputShapes(conv1.getOutputShapes(inputShapes))[0];
        return new Shape[] {new Shape(s.get(0), conv3.outChannels(), s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        // Every child's parameter shapes are fixed at construction; the input shape is not needed.
        getChildren().values().forEach(child -> child.initialize(manager, dataType, inputShapes));
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        conv1.collectParameters(prefix + "conv1.", out);
        bn1.collectParameters(prefix + "bn1.", out);
        conv2.collectParameters(prefix + "conv2.", out);
        bn2.collectParameters(prefix + "bn2.", out);
        conv3.collectParameters(prefix + "conv3.", out);
        bn3.collectParameters(prefix + "bn3.", out);
        if (downsampleConv != null) {
            downsampleConv.collectParameters(prefix + "downsample.0.", out);
            downsampleBn.collectParameters(prefix + "downsample.1.", out);
        }
    }
}
