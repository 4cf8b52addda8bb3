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
 * timm's {@code InvertedResidual} (MBConv, stages 1..6, reference README §6.3): {@code conv_pw}
 * (1x1 expansion) -> {@code bn1} + SiLU -> {@code conv_dw} (depthwise, the stride) -> {@code bn2} +
 * SiLU -> {@code se} -> {@code conv_pwl} (1x1 projection) -> {@code bn3}, plus the input when
 * stride 1 and in == out.
 */
public final class InvertedResidual extends EfficientNetBlock {
    private final Conv2dLayer convPw;
    private final BatchNorm2d bn1;
    private final Conv2dLayer convDw;
    private final BatchNorm2d bn2;
    private final SqueezeExcite se;
    private final Conv2dLayer convPwl;
    private final BatchNorm2d bn3;

    InvertedResidual(BlockSpec spec, float eps) {
        super(spec);
        convPw = addChildBlock("conv_pw", Conv2dLayer.plain(spec.in(), spec.mid(), 1, 1));
        bn1 = addChildBlock("bn1", new BatchNorm2d(spec.mid(), eps));
        convDw =
                addChildBlock(
                        "conv_dw", Conv2dLayer.depthwise(spec.mid(), spec.kernel(), spec.stride()));
        bn2 = addChildBlock("bn2", new BatchNorm2d(spec.mid(), eps));
        se = addChildBlock("se", new SqueezeExcite(spec.mid(), spec.seChannels()));
        convPwl = addChildBlock("conv_pwl", Conv2dLayer.plain(spec.mid(), spec.out(), 1, 1));
        bn3 = addChildBlock("bn3", new BatchNorm2d(spec.out(), eps));
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray y;
        try (NDArray c = convPw.apply(ps, x, training);
                NDArray b = bn1.apply(ps, c, training)) {
            y = Activations.silu(b);
        }
        try (NDArray a = y;
                NDArray c = convDw.apply(ps, a, training);
                NDArray b = bn2.apply(ps, c, training)) {
            y = Activations.silu(b);
        }
        try (NDArray a = y) {
            y = se.apply(ps, a, training);
        }
        try (NDArray s = y;
                NDArray c = convPwl.apply(ps, s, training)) {
            y = bn3.apply(ps, c, training);
        }
        return withSkip(y, x);
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        convPw.collectParameters(prefix + "conv_pw.", out);
        bn1.collectParameters(prefix + "bn1.", out);
        convDw.collectParameters(prefix + "conv_dw.", out);
        bn2.collectParameters(prefix + "bn2.", out);
        se.collectParameters(prefix + "se.", out);
        convPwl.collectParameters(prefix + "conv_pwl.", out);
        bn3.collectParameters(prefix + "bn3.", out);
    }
}
