package org.ivit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adam (no weight decay, as the authors) whose moments can be saved and restored, so a resumed run
 * continues exactly where the checkpoint left off. DJL's own Adam keeps its state private. The
 * learning rate is a plain value its owner sets before each step ({@link TrainingStep} sets the
 * schedule's value for the step it is about to apply), so the optimizer knows nothing of schedules.
 */
public final class StatefulAdam extends Optimizer {
    private double learningRate;
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float epsilon = 1e-8f;
    private final Map<String, NDArray> firstMoments = new ConcurrentHashMap<>();
    private final Map<String, NDArray> secondMoments = new ConcurrentHashMap<>();
    private final Map<String, Integer> steps = new ConcurrentHashMap<>();

    /**
     * @param learningRate the rate of the updates until {@link #setLearningRate} changes it
     */
    public StatefulAdam(double learningRate) {
        super(
                new OptimizerBuilder<>() {
                    @Override
                    protected OptimizerBuilder<?> self() {
                        return this;
                    }
                });
        setLearningRate(learningRate);
    }

    /**
     * The rate every following update uses (DJL updates each parameter separately within one step).
     */
    public void setLearningRate(double learningRate) {
        if (!Double.isFinite(learningRate) || learningRate < 0) {
            throw new IllegalArgumentException(
                    "learning rate " + learningRate + " is not a finite value >= 0");
        }
        this.learningRate = learningRate;
    }

    public double learningRate() {
        return learningRate;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String key = parameterId + "@" + weight.getDevice();
        NDArray m = firstMoments.computeIfAbsent(key, k -> weight.zerosLike());
        NDArray v = secondMoments.computeIfAbsent(key, k -> weight.zerosLike());
        int t = steps.merge(key, 1, Integer::sum);
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (learningRate / correction1);
        // temporaries live in the model's manager, so each is closed here or it would leak every
        // step
        try (NDArray scaled = grad.mul(1 - beta1);
                NDArray squared = grad.square()) {
            m.muli(beta1).addi(scaled);
            v.muli(beta2).addi(squared.muli(1 - beta2));
        }
        // The step goes through a detached view of the weight's storage: PyTorch refuses in-place
        // changes to a leaf that requires grad wherever grad mode is on, and grad mode is per
        // thread
        // (DJL switches it off only on the thread that loaded the engine, not on notebook cell
        // threads).
        try (NDArray corrected = v.div((float) correction2);
                NDArray root = corrected.sqrt();
                NDArray update = m.div(root.addi(epsilon));
                NDArray storage = weight.stopGradient()) {
            storage.subi(update.muli(stepSize));
        }
    }

    /**
     * The state of one parameter: first moment, second moment and step count; null if it never
     * updated.
     */
    public Object[] state(String parameterId, ai.djl.Device device) {
        String key = parameterId + "@" + device;
        return firstMoments.containsKey(key)
                ? new Object[] {firstMoments.get(key), secondMoments.get(key), steps.get(key)}
                : null;
    }

    /**
     * Restores a parameter's state; the arrays must live as long as training (the model's manager).
     */
    public void restore(
            String parameterId, ai.djl.Device device, NDArray first, NDArray second, int step) {
        String key = parameterId + "@" + device;
        firstMoments.put(key, first);
        secondMoments.put(key, second);
        steps.put(key, step);
    }
}
