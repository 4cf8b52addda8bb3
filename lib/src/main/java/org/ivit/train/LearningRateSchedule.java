package org.ivit.train;

import org.ivit.spec.ExperimentConfig;

/**
 * The learning rate of each optimizer step, by one of two schedules.
 *
 * <p><b>Per step</b> (the package's, the paper's text): linear warm-up over {@code warmupEpochs},
 * then cosine decay to {@code minLr} at the end of {@code epochs}.
 *
 * <p><b>timm 0.4.12, as the authors' script steps it</b> ({@code perEpoch}): timm's {@code
 * CosineLRScheduler(t_initial, lr_min, warmup_t, warmup_lr_init=0)} with that version's defaults
 * ({@code warmup_prefix=False}, {@code decay_rate=1}, {@code cycle_limit=0}: unlimited warm
 * restarts). Building it sets the lr to 0 (warmup_lr_init) when there is a warm-up, and the script
 * calls {@code step(e)} after epoch {@code e}, so epoch e trains at f(e - 1): f(t) = t lr /
 * warmup_t for t &lt; warmup_t, else lr_min + (lr - lr_min)(1 + cos(pi t' / t_initial)) / 2 with t'
 * = t mod t_initial (t counts from 0, warm-up included). The scheduler may be stepped {@code
 * timmStepsPerEpoch} times per epoch (after each such fraction of an epoch); its warmup_t and
 * t_initial are then {@code warmupEpochs} and {@code tInitial} times that, in the same units.
 */
public record LearningRateSchedule(
        double lr,
        double minLr,
        double warmupEpochs,
        int epochs,
        boolean perEpoch,
        int tInitial,
        int stepsPerEpoch,
        int timmStepsPerEpoch) {

    /** The package's per-step schedule, or timm's stepped once per epoch. */
    public LearningRateSchedule(
            double lr,
            double minLr,
            double warmupEpochs,
            int epochs,
            boolean perEpoch,
            int tInitial,
            int stepsPerEpoch) {
        this(lr, minLr, warmupEpochs, epochs, perEpoch, tInitial, stepsPerEpoch, 1);
    }

    /** The schedule of a run whose epochs have {@code stepsPerEpoch} optimizer steps. */
    public static LearningRateSchedule of(ExperimentConfig cfg, int stepsPerEpoch) {
        ExperimentConfig.Schedule s = cfg.schedule();
        return new LearningRateSchedule(
                s.lr(),
                s.minLr(),
                s.warmupEpochs(),
                s.epochs(),
                s.perEpochSchedule(),
                s.tInitial(),
                stepsPerEpoch,
                cfg.behaviour().timmStepsPerEpoch());
    }

    public LearningRateSchedule {
        if (stepsPerEpoch < 1 || timmStepsPerEpoch < 1) {
            throw new IllegalArgumentException("stepsPerEpoch and timmStepsPerEpoch must be >= 1");
        }
    }

    /** The learning rate for optimizer step {@code step} (0-based, counting effective batches). */
    public double at(long step) {
        if (perEpoch) {
            long epoch = step / stepsPerEpoch;
            long within = step % stepsPerEpoch;
            return timmUsedIn(
                    epoch * timmStepsPerEpoch + within * timmStepsPerEpoch / stepsPerEpoch);
        }
        double t = (step + 1.0) / stepsPerEpoch; // epochs done at the end of this step
        if (t <= warmupEpochs) {
            return lr * t / warmupEpochs;
        }
        double progress = Math.min(1.0, (t - warmupEpochs) / Math.max(1e-9, epochs - warmupEpochs));
        return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * progress));
    }

    /**
     * The lr timm's scheduler has set while unit {@code unit} trains: the value of its construction
     * for unit 0, else the value {@code step(unit - 1)} set.
     */
    public double timmUsedIn(long unit) {
        double warmupT = warmupEpochs * timmStepsPerEpoch;
        if (unit == 0) {
            return warmupT > 0 ? 0.0 : lr;
        }
        return timm(unit - 1);
    }

    /**
     * timm 0.4.12's {@code _get_lr(t)}, in its own order of operations (decay_rate 1, cycle_mul 1,
     * cycle_limit 0).
     */
    public double timm(long t) {
        double warmupT = warmupEpochs * timmStepsPerEpoch;
        if (t < warmupT) {
            double warmupStep = (lr - 0.0) / warmupT;
            return 0.0 + t * warmupStep;
        }
        long tInitialUnits = (long) tInitial * timmStepsPerEpoch;
        long cycle = t / tInitialUnits;
        long tCurrent = t - tInitialUnits * cycle;
        return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * tCurrent / tInitialUnits));
    }
}
