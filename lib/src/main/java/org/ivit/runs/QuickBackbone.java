package org.ivit.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ivit.Project;
import org.ivit.io.FileDigest;
import org.ivit.spec.ExperimentConfig;
import org.ivit.train.RunIds;

/**
 * The quick profile's published backbone: the tiny ViT that {@link QuickPretraining} trained on
 * Fashion-MNIST, committed in the repository with its run record, as the paper profile starts from
 * a downloaded ImageNet checkpoint. The quick profile loads it only after its SHA-256 matches the
 * one pinned here, and never pretrains in its place; {@code ivit pretrain --profile quick}
 * reproduces it.
 */
public final class QuickBackbone {
    /**
     * SHA-256 of the committed file, made by three clean runs on a 2-core AMD EPYC with AVX-512; a
     * CPU with other vector kernels (AVX2) pretrains a slightly different one (see
     * results/README.md).
     */
    public static final String SHA256 =
            "1ddbd3d507c4e28d053d74dc063c95c74131ae19b922f44548f04086e9e6b44e";

    public static final String FILE_NAME = "backbone.safetensors";

    private QuickBackbone() {}

    /**
     * The run id of the committed pretraining that made it (its folder name under {@code
     * results/pretraining/}).
     */
    public static String runId() {
        return RunIds.in(Project.root().resolve("results").resolve("pretraining"))
                .idFor(QuickPretraining.config());
    }

    /** The record folder inside a results folder: {@code <results>/pretraining/<run id>}. */
    public static Path recordIn(Path resultsDir) {
        Path pretraining = resultsDir.resolve("pretraining");
        RunIds recorded = RunIds.in(pretraining); // one read of the folder's config.json files
        ExperimentConfig config = QuickPretraining.config();
        return pretraining.resolve(recorded.isRecorded(config) ? recorded.idFor(config) : runId());
    }

    /** The committed record in this checkout: {@code <root>/results/pretraining/<run id>}. */
    public static Path committedRecord() {
        return recordIn(Project.root().resolve("results"));
    }

    /**
     * The backbone the quick profile starts from, verified: {@code <results>/pretraining/<run
     * id>/backbone.safetensors} when that results folder holds one, else the checkout's committed
     * copy (so a fresh {@code IVIT_RESULTS_DIR} needs no copy of it).
     *
     * @throws IOException when the file is missing or its SHA-256 is not {@link #SHA256}
     */
    public static Path verified(Path resultsDir) throws IOException {
        Path local = recordIn(resultsDir).resolve(FILE_NAME);
        Path file = Files.isRegularFile(local) ? local : committedRecord().resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException(
                    "the quick profile's pretrained backbone is missing: "
                            + Project.shown(file)
                            + " (committed in the repository as results/pretraining/"
                            + runId()
                            + "/"
                            + FILE_NAME
                            + "); restore it with: git checkout -- results/pretraining/"
                            + runId()
                            + ", or reproduce it with: environment/ivit pretrain --profile quick");
        }
        String actual = FileDigest.sha256(file);
        if (!actual.equals(SHA256)) {
            throw new IOException(
                    "the quick profile's pretrained backbone "
                            + Project.shown(file)
                            + " is not the published one:"
                            + " expected SHA-256 "
                            + SHA256
                            + ", actual "
                            + actual
                            + ". It is not loaded and nothing is pretrained over it;"
                            + " restore it with: git checkout -- results/pretraining/"
                            + runId()
                            + " (a backbone pretrained on another"
                            + " CPU type has another hash: keep it outside results/, see environment/ivit pretrain --help)");
        }
        return file;
    }
}
