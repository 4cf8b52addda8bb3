package org.ivit.model.efficientnet;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.ivit.model.conv.Activations;
import org.ivit.model.conv.BatchNorm2d;
import org.ivit.model.conv.Conv2dLayer;
import org.ivit.model.efficientnet.EfficientNetConfig.BlockSpec;

/**
 * timm's {@code DepthwiseSeparableConv} (stage 0, reference README §6.2): {@code conv_dw}
 * (depthwise) -> {@code bn1} + SiLU -> {@code se} -> {@code conv_pw} (1x1 projection) -> {@code
 * bn2}, plus the input when stride 1 and in == out. Note {@code conv_pw} is the projection here.
 */
public final class DepthwiseSeparableConv extends EfficientNetBlock {
    private final Conv2dLayer convDw;
    private final BatchNorm2d bn1;
    private final SqueezeExcite se;
    private final Conv2dLayer convPw;
    private final BatchNorm2d bn2;

    DepthwiseSeparableConv(BlockSpec spec, float eps) {
        super(spec);
        convDw =
                addChildBlock(
                        "conv_dw", Conv2dLayer.depthwise(spec.in(), spec.kernel(), spec.stride()));
        bn1 = addChildBlock("bn1", new BatchNorm2d(spec.in(), eps));
        se = addChildBlock("se", new SqueezeExcite(spec.in(), spec.seChannels()));
        convPw = addChildBlock("conv_pw", Conv2dLayer.plain(spec.in(), spec.out(), 1, 1));
        bn2 = addChildBlock("bn2", new BatchNorm2d(spec.out(), eps));
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray y;
        try (NDArray c = convDw.apply(ps, x, training);
                NDArray b = bn1.apply(ps, c, training)) {
            y = Activations.silu(b);
        }
        try (NDArray a = y) {
            y = se.apply(ps, a, training);
        }
        try (NDArray s = y;
                NDArray c = convPw.apply(ps, s, training)) {
            y = bn2.apply(ps, c, training);
        }
        return withSkip(y, x);
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        convDw.collectParameters(prefix + "conv_dw.", out);
        bn1.collectParameters(prefix + "bn1.", out);
        se.collectParameters(prefix + "se.", out);
        convPw.collectParameters(prefix + "conv_pw.", out);
        bn2.collectParameters(prefix + "bn2.", out);
    }
}
