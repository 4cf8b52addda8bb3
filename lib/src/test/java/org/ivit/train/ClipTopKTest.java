package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ivit.clip.Clip;
import org.ivit.data.LabeledImage;
import org.ivit.data.PreparedDataset;
import org.ivit.data.Split;
import org.ivit.prompt.PromptBank;
import org.ivit.prompt.PromptBanks;
import org.ivit.prompt.TemplateSet;
import org.ivit.prompt.ToyDataset;
import org.ivit.runs.Reproduction;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.FewShotPlan;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.TuningMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper's evaluation-time K+1 selection as runs use it: zero-shot CLIP's ranking of each
 * evaluation image, and a quick-profile run with {@code valTopK > 0} from prepared files to
 * summary.
 */
class ClipTopKTest {
    @TempDir Path dir;

    /**
     * The toy dataset, with its test images also as the validation split (the quick profile selects
     * on val).
     */
    private Path toyData() throws Exception {
        Path data = dir.resolve("data");
        ToyDataset.write(data, "toy", 3);
        Files.copy(
                data.resolve("toy/splits/test.csv"),
                data.resolve("toy/splits/val.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return data;
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(n));
        }
        return out;
    }

    @Test
    void ranksEachImageByCosineToTheTextBankAndKeepsAllClassesWhenKIsAtLeastN() throws Exception {
        Path data = toyData();
        PreparedDataset dataset = PreparedDataset.open(data, "toy");
        ExperimentConfig cfg =
                Profiles.of(
                        Profiles.QUICK, "toy", Method.INSTRUCTION_VIT, "text", TuningMode.PROMPT);
        AtomicInteger opened = new AtomicInteger();
        TemplateSet templates = TemplateSet.named("simple7");
        ClipTopK topK =
                ClipTopK.lazy(
                        () -> {
                            opened.incrementAndGet();
                            return Clip.randomSmall(7);
                        },
                        (clip, c) -> PromptBanks.text(clip, "toy", dataset.classNames(), templates),
                        cfg,
                        dataset);

        List<LabeledImage> rows = dataset.split(Split.TEST);
        List<Long> samples = List.of(0L, 3L, 5L);
        // the ranking by hand: cosine of each image embedding with each class's text prompt
        long[][] expected = new long[samples.size()][];
        try (Clip clip = Clip.randomSmall(7)) {
            float[][] text =
                    PromptBanks.text(clip, "toy", dataset.classNames(), templates).toArray();
            List<Path> files = new ArrayList<>();
            for (long s : samples) {
                files.add(dataset.layout().image(rows.get((int) s)));
            }
            float[][] images = clip.embedImageFiles(files);
            for (int i = 0; i < samples.size(); i++) {
                float[] u = unit(images[i]);
                double[] score = new double[text.length];
                for (int c = 0; c < text.length; c++) {
                    float[] t = unit(text[c]);
                    for (int d = 0; d < u.length; d++) {
                        score[c] += u[d] * t[d];
                    }
                }
                expected[i] =
                        java.util.stream.IntStream.range(0, text.length)
                                .boxed()
                                .sorted((a, b) -> Double.compare(score[b], score[a]))
                                .mapToLong(Integer::longValue)
                                .toArray();
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray two = topK.topK(m, "test", samples, 2);
            assertArrayEquals(new long[] {3, 2}, two.getShape().getShape());
            long[] got = two.toLongArray();
            for (int i = 0; i < samples.size(); i++) {
                assertArrayEquals(
                        Arrays.copyOf(expected[i], 2),
                        Arrays.copyOfRange(got, 2 * i, 2 * i + 2),
                        "sample " + samples.get(i));
            }
            // K >= N (3 classes): every class, ranked; the model then uses all prompts
            for (int k : new int[] {3, 5}) {
                NDArray all = topK.topK(m, "test", samples, k);
                assertArrayEquals(new long[] {3, 3}, all.getShape().getShape(), "K = " + k);
                long[] ranked = all.toLongArray();
                for (int i = 0; i < samples.size(); i++) {
                    assertArrayEquals(
                            expected[i], Arrays.copyOfRange(ranked, 3 * i, 3 * i + 3), "K = " + k);
                }
            }
        }
        assertEquals(1, opened.get(), "CLIP is opened once per run");
    }

    /** A quick-profile run with the paper's zero-shot K+1 selection switched on, end to end. */
    @Test
    void aQuickRunWithValTopKEvaluatesThroughTheZeroShotSelection() throws Exception {
        Path data = toyData();
        Reproduction reproduction =
                Reproduction.of(Profiles.QUICK)
                        .withDirectories(data, dir.resolve("weights"), dir.resolve("results"))
                        .quiet();
        for (int k :
                new int[] {2, 5}) { // K < N = 3 uses K+1 prompts; K >= N falls back to all prompts
            reproduction.withRunsFolder("runs-k" + k); // the run id does not name K
            ExperimentConfig cfg =
                    reproduction
                            .config("toy", Method.INSTRUCTION_VIT, "text", TuningMode.PROMPT)
                            .with("backboneWeights", null)
                            .with("valTopK", String.valueOf(k))
                            .with("epochs", "1")
                            .with("warmupEpochs", "0")
                            .with("batchSize", "3")
                            .with("microBatch", "3")
                            .with("trainLimit", "0");
            assertEquals(k, cfg.prompt().valTopK());
            JsonObject summary = reproduction.train(cfg).toJson();
            assertTrue(summary.get("finished").getAsBoolean(), summary.toString());
            assertEquals(k, summary.get("top_k").getAsInt(), summary.toString());
            double top1 = summary.get("test_top1").getAsDouble();
            assertTrue(top1 >= 0 && top1 <= 100, summary.toString());
        }
    }

    /**
     * A few-shot run knows k labelled images per class: its image prompts are chosen among them,
     * not the whole split.
     */
    @Test
    void aFewShotImagePromptComesFromTheRunsKTrainingImages() throws Exception {
        Path data = dir.resolve("data");
        ToyDataset.write(
                data, "toy",
                8); // a draw from the whole split would hit the run's 1 of 8 by chance for all 3
        // classes: 1 in 512
        Files.copy(
                data.resolve("toy/splits/test.csv"),
                data.resolve("toy/splits/val.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Reproduction reproduction =
                Reproduction.of(Profiles.QUICK)
                        .withDirectories(data, dir.resolve("weights"), dir.resolve("results"))
                        .quiet();
        ExperimentConfig cfg =
                FewShotPlan.of(Profiles.QUICK)
                        .config(
                                "toy",
                                new FewShotPlan.Row(Method.INSTRUCTION_VIT, "image"),
                                1,
                                null)
                        .with("backboneWeights", null)
                        .with("epochs", "1")
                        .with("warmupEpochs", "0")
                        .with("batchSize", "3")
                        .with("microBatch", "3");
        JsonObject summary = reproduction.train(cfg).toJson();
        assertTrue(summary.get("finished").getAsBoolean(), summary.toString());
        List<LabeledImage> fewShotTrain =
                org.ivit.data.SplitFile.read(
                        dir.resolve("results")
                                .resolve(
                                        summary.getAsJsonObject("few_shot")
                                                .get("train_split")
                                                .getAsString()));
        assertEquals(3, fewShotTrain.size(), "k = 1 of each of 3 classes");
        Path bankFile =
                dir.resolve(
                        "results/prompt-banks/toy-image-"
                                + cfg.prompt().clip()
                                + "-"
                                + cfg.prompt().templateSet()
                                + "-k1-seed"
                                + cfg.seed()
                                + ".safetensors");
        assertTrue(Files.isRegularFile(bankFile), "one bank per k and seed: " + bankFile);
        List<List<String>> chosen = PromptBank.load(bankFile).recipe().imagePaths();
        List<String> allowed = fewShotTrain.stream().map(LabeledImage::path).toList();
        for (int c = 0; c < chosen.size(); c++) {
            assertEquals(1, chosen.get(c).size());
            assertTrue(
                    allowed.contains(chosen.get(c).get(0)),
                    "class "
                            + c
                            + ": "
                            + chosen.get(c)
                            + " is not one of the run's k images "
                            + allowed);
        }
    }
}
