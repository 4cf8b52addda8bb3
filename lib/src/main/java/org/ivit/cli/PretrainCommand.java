package org.ivit.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ivit.Project;
import org.ivit.io.FileDigest;
import org.ivit.runs.QuickBackbone;
import org.ivit.runs.QuickPretraining;
import org.ivit.runs.Reproduction;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Profiles;
import org.ivit.spec.SpecException;
import org.ivit.train.RunDirectory;
import org.ivit.train.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ivit pretrain}: reproduces the quick profile's committed backbone in a folder of its own
 * and says whether it came out bit for bit the same. Runs never pretrain: they load the committed
 * file after checking its SHA-256.
 */
@Command(
        name = "pretrain",
        description = {
            "Reproduce the quick profile's committed pretrained backbone (results/pretraining/<run id>/backbone.safetensors)"
                    + " in another folder, then print its SHA-256 and accuracies and whether they equal the committed ones.",
            "Bitwise equality is expected only on the CPU type that made it (AMD EPYC with AVX-512); other vector kernels"
                    + " (AVX2) sum floats in another order, so their hash and accuracy differ slightly. About 9 minutes on 2 cores (536 s on an AMD EPYC with AVX-512).",
            "The paper profile has no pretraining step: it starts from the downloaded ImageNet checkpoint"
                    + " (data-scripts/fetch-weights)."
        },
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {
            "0:pretrained (or found complete in the output folder); equality with the committed backbone is printed",
            "1:training failed",
            "2:usage error, or --profile paper (nothing to pretrain)"
        })
final class PretrainCommand implements Callable<Integer> {
    @Option(
            names = "--profile",
            defaultValue = "quick",
            description = "quick (paper has no pretraining step)")
    String profile;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description =
                    "where the run goes, as DIR/<run id>/ (default: a new"
                            + " temporary folder); never the checkout's results/pretraining, which holds the committed backbone")
    Path output;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "prepared datasets (default: $IVIT_DATA_DIR, else <repo>/data)")
    Path dataDir;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "override a config key of the pretraining (e.g. --set"
                            + " epochs=1 for a short test); the run id then differs and nothing is compared")
    Map<String, String> overrides = Map.of();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (profile.equals(Profiles.PAPER)) {
            System.err.println(
                    "ivit pretrain: the paper profile has no pretraining step: it starts from the downloaded ImageNet"
                            + " checkpoint vit_base_patch16_224.augreg_in21k_ft_in1k; get it with: data-scripts/fetch-weights vit-b16");
            return 2;
        }
        if (!profile.equals(Profiles.QUICK)) {
            throw new ParameterException(
                    spec.commandLine(), "unknown profile '" + profile + "' (quick or paper)");
        }
        ExperimentConfig cfg;
        try {
            cfg = QuickPretraining.config(overrides);
        } catch (SpecException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, e.field());
        }
        Path committedFolder =
                QuickBackbone.committedRecord().getParent().toAbsolutePath().normalize();
        Path out =
                output != null
                        ? output.toAbsolutePath().normalize()
                        : Files.createTempDirectory("ivit-pretrain-");
        if (out.equals(committedFolder)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--output "
                            + output
                            + " is the folder of the committed backbone;"
                            + " choose another folder, so the published file is never replaced");
        }
        Path backbone =
                Reproduction.of(Profiles.QUICK)
                        .withDirectories(Project.dataDir(dataDir), Project.weightsDir(), out)
                        .pretrainQuickBackbone(cfg, out);
        RunSummary summary = new RunDirectory(out, cfg).summary();
        String sha = FileDigest.sha256(backbone);
        System.out.println("backbone:      " + backbone);
        System.out.println("sha256:        " + sha);
        System.out.println("test top-1:    " + summary.metrics().testTop1() + " %");
        System.out.println("val top-1:     " + summary.metrics().valTop1() + " %");
        System.out.println(comparison(cfg, sha, summary));
        return 0;
    }

    /** Whether this backbone is the committed one, with the committed figures beside ours. */
    private static String comparison(ExperimentConfig cfg, String sha, RunSummary summary)
            throws IOException {
        if (!cfg.equals(QuickPretraining.config())) {
            return "not compared: this config (run id "
                    + cfg.newRunId()
                    + ") is not the committed backbone's ("
                    + QuickBackbone.runId()
                    + ")";
        }
        Path committedSummary = QuickBackbone.committedRecord().resolve("summary.json");
        String committedAccuracy = "";
        if (Files.isRegularFile(committedSummary)) {
            JsonObject committed =
                    JsonParser.parseString(Files.readString(committedSummary)).getAsJsonObject();
            committedAccuracy =
                    "; committed test top-1 "
                            + committed.get("test_top1").getAsDouble()
                            + " %, val top-1 "
                            + committed.get("val_top1").getAsDouble()
                            + " %";
        }
        if (sha.equals(QuickBackbone.SHA256)) {
            return "EQUAL to the committed backbone: bit for bit the same (sha256 "
                    + QuickBackbone.SHA256
                    + committedAccuracy
                    + ")";
        }
        return "DIFFERENT from the committed backbone (sha256 "
                + QuickBackbone.SHA256
                + committedAccuracy
                + "): expected on"
                + " another CPU type (AVX2 instead of AVX-512 sums floats in another order); on the CPU type that made it, this is a change";
    }
}
