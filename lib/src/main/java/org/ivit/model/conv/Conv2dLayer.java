package org.ivit.model.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.Map;
import org.ivit.model.NamedParameters;

/**
 * A 2-D convolution as PyTorch's {@code Conv2d}: weight {@code [out, in / groups, k, k]}, symmetric
 * zero padding, optional bias. The shapes are given, not inferred, so the parameter names and
 * shapes exist before initialisation. The weight starts as He-normal over fan-out.
 */
public final class Conv2dLayer extends AbstractBlock implements NamedParameters {
    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;

    public Conv2dLayer(
            int in, int out, int kernel, int stride, int padding, int groups, boolean bias) {
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException(
                    "channels " + in + " -> " + out + " do not divide into " + groups + " groups");
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.groups = groups;
        double fanOut = (double) out / groups * kernel * kernel;
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(out, in / groups, kernel, kernel))
                                .optInitializer(
                                        new NormalInitializer((float) Math.sqrt(2.0 / fanOut)))
                                .build());
        this.bias =
                bias
                        ? addParameter(
                                Parameter.builder()
                                        .setName("bias")
                                        .setType(Parameter.Type.BIAS)
                                        .optShape(new Shape(out))
                                        .build())
                        : null;
    }

    /** Bias-free, ungrouped, padding {@code kernel / 2}. */
    public static Conv2dLayer plain(int in, int out, int kernel, int stride) {
        return new Conv2dLayer(in, out, kernel, stride, kernel / 2, 1, false);
    }

    /** Depthwise (groups = channels), bias-free, padding {@code kernel / 2}. */
    public static Conv2dLayer depthwise(int channels, int kernel, int stride) {
        return new Conv2dLayer(channels, channels, kernel, stride, kernel / 2, channels, false);
    }

    public int outChannels() {
        return out;
    }

    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        return x.getNDArrayInternal()
                .convolution(
                        x,
                        w,
                        b,
                        new Shape(stride, stride),
                        new Shape(padding, padding),
                        new Shape(1, 1),
                        groups)
                .head();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long h = (s.get(2) + 2L * padding - kernel) / stride + 1;
        long w = (s.get(3) + 2L * padding - kernel) / stride + 1;
        return new Shape[] {new Shape(s.get(0), out, h, w)};
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> outMap) {
        outMap.put(prefix + "weight", weight);
        if (bias != null) {
            outMap.put(prefix + "bias", bias);
        }
    }

    @Override
    public String toString() {
        return "Conv2d(" + in + ", " + out + ", k" + kernel + ", s" + stride + ", p" + padding
                + ", g" + groups + ")";
    }
}
