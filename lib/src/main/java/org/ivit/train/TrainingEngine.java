package org.ivit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ivit.data.augment.MixedBatch;
import org.ivit.data.augment.MixupCutmix;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.SelectionRule;
import org.ivit.train.RunDirectory.EpochMetrics;

/**
 * Trains one run and writes its record. The loop: per effective batch one {@link TrainingStep}
 * (gradients accumulate over micro-batches, split across devices by DJL when several are visible,
 * then one Adam step at the scheduled learning rate). After each epoch: validation, metrics row,
 * checkpoint. At the end the selected epoch's weights are evaluated on the test split. Everything
 * the run reads comes in one {@link RunInput}; the folder it writes is the argument of {@link
 * #run(Path)}.
 */
public final class TrainingEngine {
    private final RunInput input;
    private final ExperimentConfig cfg;
    private final MethodStrategy method;
    private final RunData data;
    private final TrainingReporter reporter;
    private int skippedSteps;

    /** The best score before any epoch is selected: below every top-1 percentage. */
    static final double NO_SCORE = -1;

    /**
     * The run's id, from its folder ({@link RunIds}): set when {@link #run(RunDirectory)} opens it.
     */
    private String runId;

    public TrainingEngine(RunInput input, TrainingReporter reporter) {
        this.input = input;
        this.cfg = input.spec();
        this.method = MethodStrategy.of(cfg.method());
        this.data = input.data();
        this.reporter = reporter;
    }

    /**
     * Runs (or resumes, or recognises as finished) the run in {@code <runsDir>/<run id>/} and
     * returns its summary.
     */
    public RunSummary run(Path runsDir) throws IOException, TranslateException {
        return run(new RunDirectory(runsDir, cfg));
    }

    /**
     * {@link #run(Path)} in a run folder the caller has already looked up (a sweep reads its runs
     * folder's ids once, not once per run).
     */
    public RunSummary run(RunDirectory dir) throws IOException, TranslateException {
        RunOrigin provenance = input.provenance();
        runId = dir.runId();
        if (dir.finished()) {
            reporter.message("run " + runId + " is already complete; not training it again");
            return dir.summary();
        }
        if (cfg.selection() == SelectionRule.VAL && data.val().size() == 0) {
            throw new IllegalArgumentException(
                    cfg.dataset()
                            + " has an empty validation split, so no epoch can be selected on it;"
                            + " prepare the dataset with a validation split or set selection=test (the authors' protocol)");
        }
        GradMode.offOnThisThread();
        dir.writeConfig(cfg, provenance);
        long started = System.nanoTime();
        int micro = Math.min(cfg.schedule().microBatch(), cfg.schedule().batchSize());
        // a few-shot batch may be a whole 10-image subset; evaluation of the full test split keeps
        // the spec's micro-batch
        int evalMicro = cfg.data().shots() > 0 ? cfg.schedule().microBatch() : micro;
        if (cfg.schedule().batchSize() % micro != 0) {
            throw new IllegalArgumentException(
                    "batch "
                            + cfg.schedule().batchSize()
                            + " is not a multiple of micro-batch "
                            + micro);
        }
        int stepsPerEpoch = (int) (data.train().size() / cfg.schedule().batchSize());
        if (stepsPerEpoch == 0) {
            throw new IllegalArgumentException(
                    "the training split ("
                            + data.train().size()
                            + " images) is smaller than one batch of "
                            + cfg.schedule().batchSize());
        }
        PromptFeatures prompts = input.prompts();
        ModelFactory.Built built =
                ModelFactory.build(
                        cfg,
                        data.classes().size(),
                        prompts == null ? null : prompts.values(),
                        prompts == null ? 0 : prompts.dim(),
                        input.backboneWeights());
        ExecutorService loaders =
                Executors.newFixedThreadPool(org.ivit.platform.LoaderThreads.current().count());
        try (ai.djl.Model model = built.model();
                TrainingStep step = new TrainingStep(cfg, built, stepsPerEpoch)) {
            Trainer trainer = step.trainer();
            Checkpoint.Progress progress =
                    Checkpoint.exists(dir.lastCheckpoint())
                            ? Checkpoint.load(
                                    dir.lastCheckpoint(), built.parameters(), step.optimizer())
                            // no score yet: below every accuracy, and finite so the checkpoint's
                            // JSON can hold it while
                            // the first epochs are not selectable (selectFromEpoch)
                            : new Checkpoint.Progress(0, 0, -1, NO_SCORE);
            if (progress.epochsDone() > 0) {
                reporter.message("resuming " + runId + " after epoch " + progress.epochsDone());
            }
            step.resumeAfter(progress.optimizerSteps());
            List<EpochMetrics> rows = dir.readMetrics(progress.epochsDone());
            ExperimentConfig.Behaviour behaviour = cfg.behaviour();
            MixupCutmix mixer =
                    cfg.data().mixup()
                            ? new MixupCutmix(
                                    new MixupCutmix.Config(
                                            0.8,
                                            1.0,
                                            behaviour.mixupProb(),
                                            0.5,
                                            behaviour.labelSmoothing(),
                                            data.classes().size()))
                            : null;
            int bestEpoch = progress.bestEpoch();
            double bestScore = progress.bestScore();
            for (int epoch = progress.epochsDone(); epoch < cfg.schedule().epochs(); epoch++) {
                long epochStart = System.nanoTime();
                reporter.startEpoch(epoch, cfg.schedule().epochs(), stepsPerEpoch);
                double lr = step.nextLearningRate();
                double loss = trainEpoch(step, epoch, micro, stepsPerEpoch, mixer, loaders);
                AccuracyCounter val = evaluate(trainer, data.val(), "val", evalMicro, loaders);
                AccuracyCounter test =
                        cfg.selection() == SelectionRule.TEST
                                ? evaluate(trainer, data.test(), "test", evalMicro, loaders)
                                : null;
                double score = test != null ? test.top1() : val.top1();
                // the authors' script selects among epochs >= 10 only (selectFromEpoch)
                if (epoch >= behaviour.selectFromEpoch() && score > bestScore) {
                    bestScore = score;
                    bestEpoch = epoch;
                    Checkpoint.save(
                            dir.bestCheckpoint(),
                            built.parameters(),
                            null,
                            new Checkpoint.Progress(
                                    epoch + 1, step.optimizerSteps(), bestEpoch, bestScore));
                }
                EpochMetrics row =
                        new EpochMetrics(
                                        epoch,
                                        loss,
                                        lr,
                                        val.top1(),
                                        val.top5(),
                                        test == null ? Double.NaN : test.top1(),
                                        test == null ? Double.NaN : test.top5(),
                                        (System.nanoTime() - epochStart) / 1e9)
                                .asRecorded();
                rows.add(row);
                dir.writeMetrics(rows);
                Checkpoint.save(
                        dir.lastCheckpoint(),
                        built.parameters(),
                        step.optimizer(),
                        new Checkpoint.Progress(
                                epoch + 1, step.optimizerSteps(), bestEpoch, bestScore));
                reporter.endEpoch(row);
            }
            Checkpoint.load(dir.bestCheckpoint(), built.parameters(), null);
            AccuracyCounter test = evaluate(trainer, data.test(), "test", evalMicro, loaders);
            final int selected = bestEpoch;
            double bestVal =
                    rows.stream()
                            .filter(r -> r.epoch() == selected)
                            .mapToDouble(EpochMetrics::valTop1)
                            .findFirst()
                            .orElse(Double.NaN);
            RunSummary record =
                    summary(
                            bestVal,
                            test,
                            bestEpoch,
                            provenance,
                            (System.nanoTime() - started) / 1e9);
            record.write(dir.summaryFile());
            reporter.message(
                    String.format(
                            java.util.Locale.ROOT,
                            "%s: test top-1 %.2f%% (epoch %d selected on %s)",
                            runId,
                            test.top1(),
                            bestEpoch + 1,
                            cfg.selection().id()));
            return record;
        } finally {
            loaders.shutdownNow();
        }
    }

    private double trainEpoch(
            TrainingStep step,
            int epoch,
            int micro,
            int steps,
            MixupCutmix mixer,
            ExecutorService loaders)
            throws IOException, TranslateException {
        data.startEpoch().accept(epoch);
        Trainer trainer = step.trainer();
        int accumulation = step.accumulation();
        boolean oddBatchHardLabels = cfg.behaviour().oddBatchHardLabels();
        Random mixing = new Random(cfg.seed() * 7_919L + epoch);
        EpochSampler sampler =
                EpochSampler.training(micro, cfg.seed(), epoch, (long) steps * accumulation);
        Iterator<Batch> batches =
                data.train().getData(trainer.getManager(), sampler, loaders).iterator();
        double lossSum = 0;
        int applied = 0;
        long start = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            TrainingStep.Outcome outcome =
                    step.run(
                            feed -> {
                                for (int m = 0; m < accumulation; m++) {
                                    try (Batch batch = batches.next()) {
                                        // each device's part is mixed on its own, as each GPU's
                                        // batch in the authors' DDP script
                                        for (Batch part :
                                                batch.split(trainer.getDevices(), false)) {
                                            NDArray images = part.getData().head();
                                            NDArray targets = part.getLabels().head();
                                            boolean odd = images.getShape().get(0) % 2 != 0;
                                            if (mixer != null && !(odd && oddBatchHardLabels)) {
                                                MixedBatch mixed =
                                                        mixer.apply(images, targets, mixing);
                                                images = mixed.images();
                                                targets = mixed.targets();
                                            }
                                            feed.accept(images, targets);
                                        }
                                    }
                                }
                            });
            if (!outcome.applied()) {
                skippedSteps++;
                reporter.message(
                        String.format(
                                java.util.Locale.ROOT,
                                "%s: skipped epoch %d step %d: non-finite loss or gradient",
                                runId,
                                epoch + 1,
                                s + 1));
                if (skippedSteps > Math.max(3, steps / 20)) {
                    throw new IllegalStateException(
                            String.format(
                                    java.util.Locale.ROOT,
                                    "%s: %d steps had a non-finite loss or gradient by epoch %d (lr %.2e); lower lr or raise warmupEpochs",
                                    runId,
                                    skippedSteps,
                                    epoch + 1,
                                    outcome.lr()));
                }
                continue;
            }
            lossSum += outcome.loss();
            applied++;
            double seconds = (System.nanoTime() - start) / 1e9;
            reporter.step(
                    s + 1,
                    lossSum / applied,
                    outcome.lr(),
                    (s + 1.0) * cfg.schedule().batchSize() / seconds);
        }
        return lossSum / Math.max(1, applied);
    }

    private AccuracyCounter evaluate(
            Trainer trainer,
            RandomAccessDataset split,
            String name,
            int micro,
            ExecutorService loaders)
            throws IOException, TranslateException {
        AccuracyCounter accuracy = new AccuracyCounter();
        for (Batch batch :
                split.getData(trainer.getManager(), EpochSampler.inOrder(micro * 2), loaders)) {
            try (batch) {
                NDList input = method.evaluationInputs(cfg, data, batch, name);
                accuracy.add(trainer.evaluate(input).get(0), batch.getLabels().head());
            }
        }
        return accuracy;
    }

    /**
     * The run's record: its spec, what it measured (best epoch counted from 1) and the commit that
     * trained it.
     */
    private RunSummary summary(
            double valTop1,
            AccuracyCounter test,
            int bestEpoch,
            RunOrigin provenance,
            double seconds) {
        RunMetrics metrics =
                new RunMetrics(
                        bestEpoch + 1,
                        cfg.schedule().epochs(),
                        test.top1(),
                        test.top5(),
                        valTop1,
                        Math.round(seconds * 10) / 10.0,
                        data.badImages().getAsInt(),
                        skippedSteps,
                        true,
                        data.fewShot());
        return new RunSummary(cfg, metrics, new RunProvenance(runId, provenance.commit()));
    }
}
