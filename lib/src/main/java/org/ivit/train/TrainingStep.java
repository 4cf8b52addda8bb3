package org.ivit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import java.io.IOException;
import org.ivit.model.Scalars;
import org.ivit.spec.ExperimentConfig;

/**
 * One optimizer step of a run, the unit both {@link TrainingEngine} and the fidelity checks ({@code
 * org.ivit.fidelity}) drive: the micro-batches of one effective batch go forward through the
 * method's block, the method's loss terms divided by the accumulation count are back-propagated (so
 * the gradient is that of the mean over the whole batch), then one Adam step at the scheduled
 * learning rate over the parameters the run trains ({@link ModelFactory} froze the others), and the
 * gradients are cleared. A step whose loss or gradient is not finite is skipped.
 */
public final class TrainingStep implements AutoCloseable {
    /** Receives one micro-batch: images and their (soft or hard) targets. */
    @FunctionalInterface
    public interface Feed {
        void accept(NDArray images, NDArray targets);
    }

    /** Hands the micro-batches of one step to a {@link Feed}, in order. */
    @FunctionalInterface
    public interface MicroBatches {
        void each(Feed feed) throws IOException, TranslateException;
    }

    /**
     * What a step did.
     *
     * @param lr the learning rate it used
     * @param loss the sum over micro-batches of each one's loss / accumulation (float32 values
     *     added in double)
     * @param terms the same sum of each loss term (e.g. Instruction-ViT's head CE and similarity
     *     loss)
     * @param gradientNorm the L2 norm of every trained parameter's gradient before the update, in
     *     double
     * @param applied false when the step was skipped (non-finite loss or gradient)
     */
    public record Outcome(
            double lr, double loss, double[] terms, double gradientNorm, boolean applied) {}

    private final Trainer trainer;
    private final StatefulAdam adam;
    private final LossTerms lossTerms;
    private final LearningRateSchedule schedule;
    private final int accumulation;
    private long optimizerSteps;

    /**
     * @param built the run's model with its trainable parameters chosen
     * @param stepsPerEpoch optimizer steps per epoch, for the schedule
     */
    public TrainingStep(ExperimentConfig cfg, ModelFactory.Built built, int stepsPerEpoch) {
        int micro = Math.min(cfg.schedule().microBatch(), cfg.schedule().batchSize());
        this.accumulation = cfg.schedule().batchSize() / micro;
        this.schedule = LearningRateSchedule.of(cfg, stepsPerEpoch);
        this.adam = new StatefulAdam(schedule.at(0));
        MethodStrategy method = MethodStrategy.of(cfg.method());
        this.lossTerms = method.lossTerms(cfg);
        this.trainer =
                built.model()
                        .newTrainer(new DefaultTrainingConfig(method.loss(cfg)).optOptimizer(adam));
    }

    public Trainer trainer() {
        return trainer;
    }

    public StatefulAdam optimizer() {
        return adam;
    }

    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** Micro-batches per step. */
    public int accumulation() {
        return accumulation;
    }

    /** Optimizer steps applied so far (skipped steps do not count). */
    public long optimizerSteps() {
        return optimizerSteps;
    }

    /** Continues a resumed run after {@code steps} applied steps. */
    public void resumeAfter(long steps) {
        optimizerSteps = steps;
    }

    /** The learning rate the next step uses. */
    public double nextLearningRate() {
        return schedule.at(optimizerSteps);
    }

    /** Runs one step over the micro-batches {@code batches} hands over. */
    public Outcome run(MicroBatches batches) throws IOException, TranslateException {
        double lr = schedule.at(optimizerSteps);
        double[] loss = {0};
        double[][] terms = {null};
        try (GradientCollector collector = trainer.newGradientCollector()) {
            batches.each(
                    (images, targets) -> {
                        NDList parts = lossTerms.of(trainer.forward(new NDList(images)), targets);
                        NDArray sum = parts.get(0);
                        for (int i = 1; i < parts.size(); i++) {
                            sum = sum.add(parts.get(i));
                        }
                        NDArray value = Scalars.dividedBy(sum, accumulation);
                        collector.backward(value);
                        loss[0] += value.getFloat();
                        if (terms[0] == null) {
                            terms[0] = new double[parts.size()];
                        }
                        for (int i = 0; i < parts.size(); i++) {
                            terms[0][i] += parts.get(i).getFloat() / (double) accumulation;
                        }
                    });
        }
        double norm = gradientNorm();
        if (!Double.isFinite(loss[0]) || !Double.isFinite(norm)) {
            // as mixed-precision loss scalers do: a non-finite batch is skipped, never applied to
            // the weights
            clearGradients();
            return new Outcome(lr, loss[0], terms[0], norm, false);
        }
        adam.setLearningRate(lr); // this step's scheduled rate, for every parameter it updates
        trainer.step();
        zeroGradients();
        optimizerSteps++;
        return new Outcome(lr, loss[0], terms[0], norm, true);
    }

    /**
     * The L2 norm over every element of every gradient, each tensor's squares summed in float64.
     */
    private double gradientNorm() {
        double squares = 0;
        for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
            NDArray value = p.getValue().getArray();
            if (value.hasGradient()) {
                try (NDArray grad = value.getGradient();
                        NDArray wide = grad.toType(DataType.FLOAT64, false);
                        NDArray square = wide.square();
                        NDArray sum = square.sum()) {
                    squares += sum.getDouble();
                }
            }
        }
        return Math.sqrt(squares);
    }

    /** Sets gradients to zero even where they hold NaN or infinity (x - x would keep NaN). */
    private void clearGradients() {
        for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
            NDArray value = p.getValue().getArray();
            if (value.hasGradient()) {
                try (NDArray grad = value.getGradient()) {
                    grad.set(new NDIndex("..."), 0f); // in place, on the gradient's own storage
                }
            }
        }
    }

    /**
     * PyTorch adds every backward pass into the gradients and DJL's step hands the optimizer a
     * copy, so they are cleared here, or each effective batch would carry all the previous ones.
     */
    private void zeroGradients() {
        for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
            NDArray value = p.getValue().getArray();
            if (value.hasGradient()) {
                try (NDArray grad = value.getGradient()) {
                    grad.subi(grad);
                }
            }
        }
    }

    @Override
    public void close() {
        trainer.close();
    }
}
