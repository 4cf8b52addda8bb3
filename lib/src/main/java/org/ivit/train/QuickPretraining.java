package org.ivit.train;

import ai.djl.translate.TranslateException;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ivit.Project;
import org.ivit.data.PreparedDataset;
import org.ivit.io.SafetensorsReader;
import org.ivit.io.SafetensorsWriter;

/**
 * The quick profile's stand-in for ImageNet pretraining: the tiny ViT trained on Fashion-MNIST's
 * own training split, once, cached as timm-named safetensors. Fine-tuning then starts from
 * features that already know this dataset, so the quick profile's numbers say that the pipeline
 * works, not how well pretrained features transfer.
 */
final class QuickPretraining {
    // seven epochs keep the whole quick profile near 13 minutes on two cores; the backbone still gains
    // about half a point per epoch there, so this trades accuracy for the 15-minute budget
    static final int EPOCHS = 7;

    private QuickPretraining() {}

    static ExperimentConfig config() {
        String source = "QuickPretraining";
        return Profiles.builder(Profiles.QUICK, Profiles.defaultDataset(Profiles.QUICK), Method.VIT, null, TuningMode.FULL)
                .set(source, "table", "0").set(source, "backboneWeights", null).set(source, "trainLimit", "0")
                .set(source, "epochs", String.valueOf(EPOCHS)).set(source, "warmupEpochs", "0.2").set(source, "lr", "1e-3")
                .set(source, "mixup", "false").build();
    }

    /** Returns the cached backbone, training it first when it is absent. */
    static Path ensure(Reproduction reproduction, Path dataDir, Path pretrainingDir, TrainingReporter reporter, PrintStream log)
            throws IOException, TranslateException {
        ExperimentConfig cfg = config();
        RunDirectory dir = new RunDirectory(pretrainingDir, cfg);
        Path backbone = dir.path().resolve("backbone.safetensors");
        if (Files.isRegularFile(backbone) && dir.finished()) {
            return backbone;
        }
        // every run of the quick profile needs it: concurrent array tasks wait for the one pretraining
        try (RunLock lock = RunLock.acquireWaiting(dir.path(), RunLock.Host.current(), 3 * 3600, log)) {
            if (Files.isRegularFile(backbone) && dir.finished()) {
                return backbone;
            }
            return pretrain(reproduction, dataDir, pretrainingDir, reporter, log, cfg, dir, backbone);
        }
    }

    private static Path pretrain(Reproduction reproduction, Path dataDir, Path pretrainingDir, TrainingReporter reporter,
                                 PrintStream log, ExperimentConfig cfg, RunDirectory dir, Path backbone)
            throws IOException, TranslateException {
        log.println("pretraining the quick profile's tiny ViT on Fashion-MNIST (cached in " + Project.shown(dir.path()) + ")");
        long start = System.nanoTime();
        PreparedDataset dataset = PreparedDataset.open(dataDir, cfg.dataset());
        JsonObject provenance = Provenance.of(dataset, null);
        new TrainingEngine(cfg, reproduction.runData(cfg, dataset, null), reporter)
                .run(null, 0, null, pretrainingDir, provenance);
        export(dir.bestCheckpoint(), backbone);
        log.printf("pretraining took %.0f s%n", (System.nanoTime() - start) / 1e9);
        return backbone;
    }

    /** Checkpoint parameters ({@code param/<timm name>}) to a plain timm-named file. */
    private static void export(Path checkpoint, Path out) throws IOException {
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt").metadata("source", "ivit quick pretraining");
        try (SafetensorsReader r = SafetensorsReader.open(checkpoint)) {
            for (String name : r.names()) {
                if (name.startsWith("param/")) {
                    w.putFloats(name.substring("param/".length()), r.info(name).shape(), r.floats(name));
                }
            }
        }
        w.write(out);
    }
}
