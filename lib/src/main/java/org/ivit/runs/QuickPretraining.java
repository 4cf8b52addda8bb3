package org.ivit.runs;

import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ivit.Project;
import org.ivit.data.PreparedDataset;
import org.ivit.io.SafetensorsReader;
import org.ivit.io.SafetensorsWriter;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.TuningMode;
import org.ivit.train.RunDirectory;
import org.ivit.train.RunInput;
import org.ivit.train.RunOrigin;
import org.ivit.train.TrainingEngine;
import org.ivit.train.TrainingReporter;

/**
 * The quick profile's stand-in for ImageNet pretraining: the tiny ViT trained on Fashion-MNIST's
 * own training split, exported as timm-named safetensors. Fine-tuning then starts from features
 * that already know this dataset, so the quick profile's numbers say that the pipeline works, not
 * how well pretrained features transfer. Its result is committed ({@link QuickBackbone}); this
 * class reproduces it ({@code ivit pretrain --profile quick}) and no run pretrains on its own.
 */
public final class QuickPretraining {
    // seven epochs: the backbone still gains about half a point per epoch there, but each epoch
    // costs
    // about 70 s on two cores (the committed backbone was made with these)
    static final int EPOCHS = 7;

    private QuickPretraining() {}

    /** The config of the committed backbone. */
    public static ExperimentConfig config() {
        return config(Map.of());
    }

    /**
     * That config with {@code --set} overrides (a short test run); any override gives another run
     * id, so such a backbone is never taken for the committed one.
     *
     * @throws SpecException for an unknown key or a bad value, naming it
     */
    public static ExperimentConfig config(Map<String, String> overrides) {
        String source = "QuickPretraining";
        ExperimentConfig.Builder builder =
                Profiles.builder(
                                Profiles.QUICK,
                                Profiles.defaultDataset(Profiles.QUICK),
                                Method.VIT,
                                null,
                                TuningMode.FULL)
                        .set(source, "table", "0")
                        .set(source, "backboneWeights", null)
                        .set(source, "trainLimit", "0")
                        .set(source, "valLimit", "0")
                        .set(source, "epochs", String.valueOf(EPOCHS))
                        .set(source, "warmupEpochs", "0.2")
                        .set(source, "lr", "1e-3")
                        .set(source, "mixup", "false");
        overrides.forEach((key, value) -> builder.set("--set", key, value));
        return builder.build();
    }

    /**
     * Trains {@code cfg} into {@code <pretrainingDir>/<run id>/} (resuming a killed run, returning
     * a finished one as it is) and exports its best epoch to {@code backbone.safetensors} there.
     */
    static Path run(
            Reproduction reproduction,
            ExperimentConfig cfg,
            Path dataDir,
            Path pretrainingDir,
            TrainingReporter reporter,
            PrintStream log)
            throws IOException, TranslateException {
        RunDirectory dir = new RunDirectory(pretrainingDir, cfg);
        Path backbone = dir.path().resolve(QuickBackbone.FILE_NAME);
        if (Files.isRegularFile(backbone) && dir.finished()) {
            log.println(
                    dir.runId()
                            + ": complete in "
                            + Project.shown(dir.path())
                            + ", not trained again");
            return backbone;
        }
        try (RunLock lock =
                RunLock.acquire(dir.path(), RunLock.Host.current(), RunLock.GRACE_SECONDS)) {
            return pretrain(reproduction, cfg, dataDir, reporter, log, dir, backbone);
        }
    }

    private static Path pretrain(
            Reproduction reproduction,
            ExperimentConfig cfg,
            Path dataDir,
            TrainingReporter reporter,
            PrintStream log,
            RunDirectory dir,
            Path backbone)
            throws IOException, TranslateException {
        log.println(
                "pretraining the quick profile's tiny ViT on Fashion-MNIST into "
                        + Project.shown(dir.path()));
        long start = System.nanoTime();
        PreparedDataset dataset = PreparedDataset.open(dataDir, cfg.dataset());
        RunOrigin provenance = Provenance.of(dataset, null, null);
        new TrainingEngine(
                        RunInput.withoutPrompts(
                                cfg, reproduction.runData(cfg, dataset, null), null, provenance),
                        reporter)
                .run(dir);
        export(dir.bestCheckpoint(), backbone);
        log.printf("pretraining took %.0f s%n", (System.nanoTime() - start) / 1e9);
        return backbone;
    }

    /** Checkpoint parameters ({@code param/<timm name>}) to a plain timm-named file. */
    private static void export(Path checkpoint, Path out) throws IOException {
        SafetensorsWriter w =
                new SafetensorsWriter()
                        .metadata("format", "pt")
                        .metadata("source", "ivit quick pretraining");
        try (SafetensorsReader r = SafetensorsReader.open(checkpoint)) {
            for (String name : r.names()) {
                if (name.startsWith("param/")) {
                    w.putFloats(
                            name.substring("param/".length()),
                            r.info(name).shape(),
                            r.floats(name));
                }
            }
        }
        w.write(out);
    }
}
