package org.ivit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ivit.cli.Main;
import org.ivit.prompt.ToyDataset;
import org.ivit.runs.Reproduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Bad spec values: each is refused before any work starts (no pretraining, no run folder), with a
 * message that names where the value came from ({@code --set}, a preset, a config.json) and the
 * key.
 */
class SpecValidationTest {
    @TempDir Path dir;

    private static String[] trainError(String... sets) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        String[] args = new String[2 * sets.length + 1];
        args[0] = "train";
        for (int i = 0; i < sets.length; i++) {
            args[1 + 2 * i] = "--set";
            args[2 + 2 * i] = sets[i];
        }
        int code = cli.execute(args);
        return new String[] {String.valueOf(code), err.toString()};
    }

    @ParameterizedTest(name = "--set {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "batchSize=0|batchSize|[1, 1048576]",
                "epochs=-1|epochs|[1, 100000]",
                "epochs=2.5|epochs|whole number",
                "lr=abc|lr|number",
                "lr=0|lr|> 0",
                "warmupEpochs=NaN|warmupEpochs|finite",
                "simScale=-3|simScale|> 0",
                "evalCrop=1.5|evalCrop|(0, 1]",
                "mixup=yes|mixup|true or false",
                "selection=best|selection|val or test",
                "simLoss=mse|simLoss|paper or authors",
                "method=resnet|method|vit, vpt, instruction-vit or classifier",
                "valTopK=-1|valTopK|[0, 100000]",
                "trainLimit=-5|trainLimit|[0,",
                "valLimit=-1|valLimit|[0,",
                "microBatch=48|microBatch|does not divide batchSize = 128",
                "minLr=1|minLr|above lr",
                "prompt=null|prompt|instruction-vit",
                "backbone=vit_huge|backbone|not a backbone instruction-vit can train",
                "templateSet=nonsense|templateSet|built-in template set",
                "dataset=|dataset|empty",
            })
    void aBadSetValueIsAUsageErrorNamingTheOptionAndTheKey(String set, String key, String says) {
        String[] r = trainError(set, "seed=1234");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("--set: " + key + " "), r[1]);
        assertTrue(r[1].contains(says), r[1]);
    }

    @Test
    void theIssuesExampleFailsBeforeThePretraining() {
        // today's ivit train --set batchSize=0 --set epochs=1 started a 12-minute pretraining first
        long start = System.nanoTime();
        String[] r = trainError("batchSize=0", "epochs=1");
        assertEquals("2", r[0], r[1]);
        assertTrue((System.nanoTime() - start) / 1e9 < 10, "refused at once");
        assertFalse(r[1].contains("pretraining"), r[1]);
    }

    @Test
    void anUnknownKeyListsEveryKey() {
        String[] r = trainError("epoch=1");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("--set: epoch is not a config key"), r[1]);
        for (String key : ExperimentConfig.KEYS) {
            assertTrue(r[1].contains(key), key);
        }
    }

    @Test
    void vptOnlyTrainsItsPrompts() {
        String[] r = trainError("method=vpt", "mode=full");
        assertEquals("2", r[0], r[1]);
        assertTrue(
                r[1].contains("mode must be prompt for vpt")
                        || r[1].contains("mode must be prompt"),
                r[1]);
    }

    @Test
    void theTrainHelpListsEveryKeyWithItsValues() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute("train", "--help"));
        for (String line : ExperimentConfig.keyHelp()) {
            assertTrue(out.toString().contains(line), line);
        }
        // a key that may be null says so beside what it takes
        assertTrue(
                out.toString()
                        .contains(
                                "\n  prompt (text, image or mix, or null): Instruction-ViT's prompt"
                                        + " kind; null for the other methods\n"),
                out.toString());
    }

    @Test
    void aConfigJsonWithABadFieldNamesTheFileAndTheField() {
        ExperimentConfig cfg =
                Profiles.of(Profiles.QUICK, "fashion_mnist", Method.VIT, null, TuningMode.FULL);
        String json = cfg.toJson().replace("\"batchSize\": 128", "\"batchSize\": -4");
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () -> ExperimentConfig.fromJson(json, "runs/x/config.json"));
        assertEquals("runs/x/config.json", e.source());
        assertEquals("batchSize", e.field());
        SpecException missing =
                assertThrows(
                        SpecException.class,
                        () ->
                                ExperimentConfig.fromJson(
                                        cfg.toJson()
                                                .replace("\"seed\": 1234", "\"seedling\": 1234"),
                                        "c.json"));
        assertTrue(
                missing.getMessage().startsWith("c.json: seed is missing"), missing.getMessage());
        SpecException truncated =
                assertThrows(
                        SpecException.class,
                        () -> ExperimentConfig.fromJson(cfg.toJson().substring(0, 40), "c.json"));
        assertTrue(truncated.getMessage().startsWith("c.json: "), truncated.getMessage());
    }

    @Test
    void aConfigJsonRoundTripsAndAKeyItLacksTakesItsDefaultOrIsRefused() {
        for (String profile : new String[] {Profiles.QUICK, Profiles.PAPER}) {
            for (ExperimentConfig cfg :
                    Profiles.reproduce(
                            profile, java.util.List.of(1, 2), Profiles.defaultDatasets(profile))) {
                assertEquals(cfg, ExperimentConfig.fromJson(cfg.toJson()));
                // a config.json that lacks a key without a declared default is refused, naming the
                // key
                String older = cfg.toJson().replaceAll(",\\s*\"normalization\": \"[a-z]+\"", "");
                SpecException e =
                        assertThrows(
                                SpecException.class,
                                () -> ExperimentConfig.fromJson(older, "old.json"));
                assertEquals("normalization", e.field());
                // one that lacks a key with a default reads it (valLimit: 0, the full split)
                ExperimentConfig withoutValLimit =
                        ExperimentConfig.fromJson(
                                cfg.with("valLimit", "0")
                                        .toJson()
                                        .replaceAll(",\\s*\"valLimit\": 0", ""));
                assertEquals(0, withoutValLimit.data().valLimit());
            }
        }
    }

    /**
     * A baseline's inputs come from its checkpoint's pretrained config in the paper profile; the
     * ViT's stay the preset's.
     */
    @Test
    void aPaperBaselineTakesItsCheckpointsResolutionCropInterpolationAndNormalization() {
        ExperimentConfig resnet101 =
                Profiles.of(
                        Profiles.PAPER,
                        "oxford_pets",
                        Method.CLASSIFIER,
                        "resnet101",
                        null,
                        TuningMode.FULL);
        assertEquals("resnet101.tv_in1k", resnet101.backboneWeights());
        assertEquals(224, resnet101.data().imageSize());
        assertEquals(0.875, resnet101.data().evalCrop());
        assertEquals(
                org.ivit.data.augment.Interpolation.BILINEAR, resnet101.data().interpolation());
        assertEquals("imagenet", resnet101.data().normalization());
        assertEquals(1, resnet101.table());
        assertEquals(20, resnet101.schedule().epochs());
        ExperimentConfig b3 =
                Profiles.of(
                        Profiles.PAPER,
                        "stanford_cars",
                        Method.CLASSIFIER,
                        "efficientnet_b3",
                        null,
                        TuningMode.FULL);
        assertEquals(288, b3.data().imageSize());
        assertEquals(
                100,
                b3.schedule().epochs(),
                "the recipe's Stanford Cars rule holds for the baselines too");
        assertTrue(
                b3.newRunId().startsWith("paper-stanford_cars-efficientnet_b3-full-"),
                b3.newRunId());
        ExperimentConfig vit =
                Profiles.of(Profiles.PAPER, "caltech101", Method.VIT, null, TuningMode.FULL);
        assertEquals("inception", vit.data().normalization());
        assertEquals(0.9, vit.data().evalCrop());
        assertTrue(
                vit.canonicalJson().contains("\"normalization\": \"inception\""),
                vit.canonicalJson());
        ExperimentConfig quick =
                Profiles.of(
                        Profiles.QUICK,
                        "fashion_mnist",
                        Method.CLASSIFIER,
                        "quick",
                        null,
                        TuningMode.FULL);
        assertEquals(32, quick.data().imageSize());
        assertTrue(
                quick.newRunId().startsWith("quick-fashion_mnist-quick-full-"), quick.newRunId());
    }

    @Test
    void aBackboneAMethodCannotTrainIsRefusedNamingTheRegistry() {
        SpecException vpt =
                assertThrows(
                        SpecException.class,
                        () ->
                                Profiles.of(
                                        Profiles.PAPER,
                                        "caltech101",
                                        Method.VPT,
                                        "resnet50",
                                        null,
                                        TuningMode.PROMPT));
        assertTrue(
                vpt.getMessage().contains("backbone")
                        && vpt.getMessage().contains("'resnet50' is not a backbone vpt can train"),
                vpt.getMessage());
        SpecException unknown =
                assertThrows(
                        SpecException.class,
                        () ->
                                Profiles.of(
                                        Profiles.QUICK,
                                        "fashion_mnist",
                                        Method.CLASSIFIER,
                                        "resnet18",
                                        null,
                                        TuningMode.FULL));
        assertTrue(
                unknown.getMessage()
                        .contains("unknown backbone 'resnet18'; known: vit_base_patch16_224"),
                unknown.getMessage());
        SpecException noCheckpoint =
                assertThrows(
                        SpecException.class,
                        () ->
                                Profiles.of(
                                        Profiles.PAPER,
                                        "caltech101",
                                        Method.CLASSIFIER,
                                        "quick",
                                        null,
                                        TuningMode.FULL));
        assertTrue(
                noCheckpoint.getMessage().contains("has no timm checkpoint"),
                noCheckpoint.getMessage());
    }

    @Test
    void aChangedLaterKeyChangesTheId() {
        ExperimentConfig cfg =
                Profiles.of(Profiles.QUICK, "fashion_mnist", Method.VIT, null, TuningMode.FULL);
        assertFalse(cfg.newRunId().equals(cfg.with("evalCrop", "0.9").newRunId()));
        assertEquals(cfg.newRunId(), cfg.with("evalCrop", "1.0").newRunId());
    }

    @Test
    void aBatchLargerThanTheTrainingSplitIsRefusedBeforeAnyPretrainingOrRunFolder()
            throws Exception {
        Path data = dir.resolve("data");
        ToyDataset.write(data, "toy", 3);
        Path results = dir.resolve("results");
        Reproduction reproduction =
                Reproduction.of(Profiles.QUICK)
                        .withDirectories(data, dir.resolve("weights"), results)
                        .quiet();
        ExperimentConfig cfg =
                reproduction
                        .config("toy", Method.VIT, null, TuningMode.FULL)
                        .with("batchSize", "64")
                        .with("microBatch", "64");
        SpecException e = assertThrows(SpecException.class, () -> reproduction.train(cfg));
        assertEquals("batchSize", e.field(), e.getMessage());
        assertTrue(
                e.getMessage().contains("larger than the training split of toy"), e.getMessage());
        assertFalse(Files.exists(results.resolve("pretraining")), "no pretraining started");
        assertFalse(Files.exists(results.resolve("runs")), "no run folder written");
    }

    @Test
    void missingBackboneWeightsAreNamedBeforeAnyWork() throws Exception {
        Path data = dir.resolve("data");
        ToyDataset.write(data, "toy", 3);
        Path results = dir.resolve("results");
        Reproduction reproduction =
                Reproduction.of(Profiles.QUICK)
                        .withDirectories(data, dir.resolve("weights"), results)
                        .quiet();
        ExperimentConfig cfg =
                reproduction
                        .config("toy", Method.VIT, null, TuningMode.FULL)
                        .with("backboneWeights", "vit_base_patch16_224.augreg_in21k_ft_in1k");
        java.io.IOException e =
                assertThrows(java.io.IOException.class, () -> reproduction.train(cfg));
        assertTrue(e.getMessage().contains("backboneWeights"), e.getMessage());
        assertTrue(e.getMessage().contains("fetch-weights"), e.getMessage());
        assertFalse(Files.exists(results.resolve("runs")), "no run folder written");
    }

    @Test
    void theQuickProfilesRunIdDoesNotDependOnWhichWeightsAreOnDisk() throws Exception {
        Path weights = dir.resolve("weights");
        Files.createDirectories(weights.resolve("openai/clip-vit-base-patch32"));
        Files.writeString(weights.resolve("openai/clip-vit-base-patch32/config.json"), "{}");
        ExperimentConfig with =
                Reproduction.of(Profiles.QUICK)
                        .withDirectories(dir, weights, dir)
                        .config("fashion_mnist", Method.INSTRUCTION_VIT, "text", TuningMode.FULL);
        ExperimentConfig without =
                Reproduction.of(Profiles.QUICK)
                        .withDirectories(dir, dir.resolve("none"), dir)
                        .config("fashion_mnist", Method.INSTRUCTION_VIT, "text", TuningMode.FULL);
        assertEquals(without.newRunId(), with.newRunId());
        assertEquals("random-small", with.prompt().clip());
    }
}
