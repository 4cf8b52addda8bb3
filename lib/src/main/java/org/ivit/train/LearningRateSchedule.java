package org.ivit.train;

/**
 * Linear warm-up, then cosine decay to {@code minLr}. Per step by default; the authors' variant is
 * timm's {@code CosineLRScheduler(t_initial, lr_min, warmup_t, warmup_lr_init=0)} stepped once per
 * epoch, where the cosine counts from epoch 0 (timm's warmup_prefix=False) and stays at lr_min
 * after {@code tInitial} epochs.
 */
public record LearningRateSchedule(double lr, double minLr, double warmupEpochs, int epochs, boolean perEpoch,
                                   int tInitial, int stepsPerEpoch) {

    /** The learning rate for optimizer step {@code step} (0-based, counting effective batches). */
    public double at(long step) {
        if (perEpoch) {
            return authorsAtEpoch((int) (step / stepsPerEpoch));
        }
        double t = (step + 1.0) / stepsPerEpoch; // epochs done at the end of this step
        if (t <= warmupEpochs) {
            return lr * t / warmupEpochs;
        }
        double progress = Math.min(1.0, (t - warmupEpochs) / Math.max(1e-9, epochs - warmupEpochs));
        return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * progress));
    }

    private double authorsAtEpoch(int epoch) {
        if (epoch < warmupEpochs) {
            return epoch * lr / warmupEpochs;
        }
        if (epoch >= tInitial) {
            return minLr;
        }
        return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * epoch / tInitial));
    }
}
