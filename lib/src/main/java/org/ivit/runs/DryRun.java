package org.ivit.runs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.util.Locale;
import java.util.Random;
import org.ivit.backbone.Backbones;
import org.ivit.model.TimmClassifier;
import org.ivit.model.conv.BatchNorm2d;
import org.ivit.model.conv.TimmCheckpoints;
import org.ivit.spec.ExperimentConfig;
import org.ivit.train.MethodStrategy;
import org.ivit.train.ModelFactory;
import org.ivit.train.StatefulAdam;

/**
 * Proves a configuration is wired without its data or weights: builds the real-sized model with
 * random weights and a random prompt bank, and runs one micro-batch forward, backward and Adam step
 * on the CPU.
 */
public final class DryRun {
    /** CLIP ViT-B/32 and B/16 embed into 512 dimensions. */
    private static final int CLIP_DIM = 512;

    private DryRun() {}

    /**
     * @param runId the run's id in the results folder, named in the line it returns
     */
    public static String run(ExperimentConfig cfg, String runId, int classes, int images)
            throws IOException {
        long start = System.nanoTime();
        Random random = new Random(cfg.seed());
        float[] bank = new float[classes * CLIP_DIM];
        for (int i = 0; i < bank.length; i++) {
            bank[i] = (float) random.nextGaussian();
        }
        ModelFactory.Built built = ModelFactory.build(cfg, classes, bank, CLIP_DIM, null);
        long parameters =
                built.parameters().values().stream()
                        .filter(p -> !BatchNorm2d.isBuffer(p))
                        .mapToLong(p -> p.getArray().size())
                        .sum();
        long trainable =
                built.parameters().values().stream()
                        .filter(p -> p.requiresGradient())
                        .mapToLong(p -> p.getArray().size())
                        .sum();
        StatefulAdam adam = new StatefulAdam(cfg.schedule().lr());
        Loss methodLoss = MethodStrategy.of(cfg.method()).loss(cfg);
        float loss;
        try (ai.djl.Model model = built.model();
                Trainer trainer =
                        model.newTrainer(new DefaultTrainingConfig(methodLoss).optOptimizer(adam));
                NDManager batch = trainer.getManager().newSubManager()) {
            NDArray x =
                    batch.randomNormal(
                            new Shape(images, 3, cfg.data().imageSize(), cfg.data().imageSize()));
            NDArray labels = batch.randomInteger(0, classes, new Shape(images), DataType.INT64);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList out = trainer.forward(new NDList(x));
                NDArray value = methodLoss.evaluate(new NDList(labels), out);
                collector.backward(value);
                loss = value.getFloat();
            }
            trainer.step();
        }
        return String.format(
                Locale.ROOT,
                "dry run %s: %s, %d classes, %,d parameters (%,d trainable)%s, one micro-batch of %d"
                        + " at %dx%d: loss %.4f, %.1f s on the CPU",
                runId,
                cfg.backbone(),
                classes,
                parameters,
                trainable,
                againstTimm(cfg, built.backbone(), classes),
                images,
                cfg.data().imageSize(),
                cfg.data().imageSize(),
                loss,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The backbone's size with timm's 1000-class classifier beside timm's own count (the key
     * manifests' figure the registry holds): the classifier is numFeatures x classes weights plus
     * classes biases, so the rest of the network is compared exactly.
     */
    static String againstTimm(ExperimentConfig cfg, TimmClassifier backbone, int classes) {
        long timm = Backbones.get(cfg.backbone()).timmParameters();
        if (timm == 0) {
            return "";
        }
        long own =
                TimmCheckpoints.parameterCount(
                        backbone); // BatchNorm buffers are not parameters to timm
        long at1000 = own + (long) (backbone.numFeatures() + 1) * (1000 - classes);
        return String.format(
                Locale.ROOT,
                "; backbone at 1000 classes %,d = %.2f M, timm %,d = %.2f M (%s)",
                at1000,
                at1000 / 1e6,
                timm,
                timm / 1e6,
                at1000 == timm ? "equal" : "DIFFERENT");
    }
}
