package org.ivit.model.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.Map;
import org.ivit.model.NamedParameters;

/**
 * BatchNorm over the channel axis of NCHW maps, as PyTorch's {@code BatchNorm2d} in timm's models:
 * {@code weight}, {@code bias} (trained) and the buffers {@code running_mean}, {@code running_var}
 * (not trained, {@link Parameter.Type#RUNNING_MEAN} / {@link Parameter.Type#RUNNING_VAR}).
 *
 * <p>Which statistics it uses:
 *
 * <ul>
 *   <li>evaluation ({@code training == false}): the running statistics, {@code y = (x -
 *       running_mean) / sqrt(running_var + eps) * weight + bias}; nothing changes;
 *   <li>training with its {@code weight} frozen (a frozen backbone, linear probing): also the
 *       running statistics, which stay unchanged, so a frozen backbone computes exactly its
 *       evaluation function;
 *   <li>training with {@code weight} trainable (fine-tuning): the batch's own mean and biased
 *       variance, and the running statistics move as PyTorch's do with timm's momentum 0.1: {@code
 *       running = 0.9 running + 0.1 batch} (the variance unbiased).
 * </ul>
 *
 * It runs libtorch's fused {@code batch_norm}, which updates the buffers in place. The buffers are
 * passed detached from autograd, so the update works even if someone marked them as trainable.
 * Checkpoints' {@code num_batches_tracked} plays no part (timm sets a momentum, so it is unused).
 *
 * <p>The buffers never go through the {@link ParameterStore}, so DJL's optimiser never updates them
 * (it updates what {@code getValue} handed out). Code that chooses trainable parameters by name
 * should still leave them alone ({@link #isBuffer}): {@code freeze(false)} would mark them as
 * needing a gradient.
 */
public final class BatchNorm2d extends AbstractBlock implements NamedParameters {
    /**
     * timm's (PyTorch's) default BatchNorm momentum, in PyTorch's convention (weight of the new
     * batch).
     */
    public static final float TIMM_MOMENTUM = 0.1f;

    private final int channels;
    private final float eps;
    private final float momentum;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;

    public BatchNorm2d(int channels, float eps) {
        this(channels, eps, TIMM_MOMENTUM);
    }

    public BatchNorm2d(int channels, float eps, float momentum) {
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        Shape shape = new Shape(channels);
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.GAMMA)
                                .optShape(shape)
                                .optInitializer(new ConstantInitializer(1f))
                                .build());
        bias =
                addParameter(
                        Parameter.builder()
                                .setName("bias")
                                .setType(Parameter.Type.BETA)
                                .optShape(shape)
                                .optInitializer(new ConstantInitializer(0f))
                                .build());
        runningMean =
                addParameter(
                        Parameter.builder()
                                .setName("running_mean")
                                .setType(Parameter.Type.RUNNING_MEAN)
                                .optShape(shape)
                                .optInitializer(new ConstantInitializer(0f))
                                .optRequiresGrad(false)
                                .build());
        runningVar =
                addParameter(
                        Parameter.builder()
                                .setName("running_var")
                                .setType(Parameter.Type.RUNNING_VAR)
                                .optShape(shape)
                                .optInitializer(new ConstantInitializer(1f))
                                .optRequiresGrad(false)
                                .build());
    }

    /** Whether a parameter is a BatchNorm buffer (running statistics), not a trained tensor. */
    public static boolean isBuffer(Parameter p) {
        return p.getType() == Parameter.Type.RUNNING_MEAN
                || p.getType() == Parameter.Type.RUNNING_VAR;
    }

    public int channels() {
        return channels;
    }

    public float eps() {
        return eps;
    }

    /**
     * Whether a forward with this {@code training} flag normalises with (and updates) batch
     * statistics.
     */
    public boolean usesBatchStatistics(boolean training) {
        return training && weight.requiresGradient();
    }

    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray gamma = ps.getValue(weight, x.getDevice(), training);
        NDArray beta = ps.getValue(bias, x.getDevice(), training);
        // Detached views share the buffers' storage, so libtorch's in-place update reaches them;
        // closing the views frees only their handles (autograd keeps its own reference).
        try (NDArray mean = runningMean.getArray().stopGradient();
                NDArray var = runningVar.getArray().stopGradient()) {
            // DJL's momentum is the weight of the old statistics (it passes 1 - momentum to
            // libtorch).
            return x.getNDArrayInternal()
                    .batchNorm(
                            x,
                            mean,
                            var,
                            gamma,
                            beta,
                            1,
                            1f - momentum,
                            eps,
                            usesBatchStatistics(training))
                    .head();
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        out.put(prefix + "weight", weight);
        out.put(prefix + "bias", bias);
        out.put(prefix + "running_mean", runningMean);
        out.put(prefix + "running_var", runningVar);
    }
}
