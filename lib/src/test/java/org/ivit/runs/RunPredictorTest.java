package org.ivit.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.ivit.CliRun;
import org.ivit.results.image.AttentionOverlay;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.TuningMode;
import org.ivit.train.SyntheticRuns;
import org.ivit.train.TrainingEngine;
import org.ivit.train.TrainingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ivit predict's library call on a tiny trained Instruction-ViT run and an image file the test
 * writes: probabilities that are probabilities, prompt similarities that are 100 x a cosine and
 * whose softmax is the one printed, attention that sums to one, and a clear error without a
 * checkpoint.
 */
class RunPredictorTest {
    @TempDir Path dir;

    private Path image() throws Exception {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int v = (x * 9 + y * 5) % 256;
                img.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        Path file = dir.resolve("shirt.png");
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @Test
    void aTrainedRunPredictsAnImageFile() throws Exception {
        ExperimentConfig cfg =
                SyntheticRuns.config(
                        Method.fromId("instruction-vit"), "text", TuningMode.fromId("full"));
        Path runs = dir.resolve("runs");
        try (NDManager m = NDManager.newBaseManager()) {
            new TrainingEngine(
                            SyntheticRuns.input(cfg, SyntheticRuns.data(m, 64)),
                            TrainingReporter.quiet(System.out))
                    .run(runs);
        }
        List<String> classes = List.of("a", "b", "c", "d");
        Path file = image();
        RunPredictor.Prediction p;
        RunPredictor.Prediction again;
        try (RunPredictor predictor = RunPredictor.open(runs.resolve(cfg.newRunId()), classes)) {
            p = predictor.predict(file);
            again = predictor.predict(file);
        }
        assertEquals(SyntheticRuns.CLASSES, p.headProbabilities().length);
        assertEquals(1.0, sum(p.headProbabilities()), 1e-5);
        assertEquals(SyntheticRuns.CLASSES, p.similarities().length);
        double max = Double.NEGATIVE_INFINITY;
        for (float s : p.similarities()) {
            assertTrue(Math.abs(s) <= 100.0001, "100 x a cosine: " + s);
            max = Math.max(max, s);
        }
        double z = 0;
        for (float s : p.similarities()) {
            z += Math.exp(s - max);
        }
        for (int c = 0; c < SyntheticRuns.CLASSES; c++) {
            assertEquals(
                    Math.exp(p.similarities()[c] - max) / z,
                    p.similarityProbabilities()[c],
                    1e-5,
                    "softmax of class " + c);
        }
        int grid = p.grid();
        assertEquals(grid * grid, p.patchAttention().length);
        assertEquals(SyntheticRuns.CLASSES, p.promptAttention().length);
        double attention = sum(p.patchAttention()) + sum(p.promptAttention());
        assertTrue(
                attention > 0 && attention <= 1.00001,
                "class token's attention to patches and prompts: " + attention);
        int[] top = p.top(3);
        assertTrue(
                p.headProbabilities()[top[0]] >= p.headProbabilities()[top[1]]
                        && p.headProbabilities()[top[1]] >= p.headProbabilities()[top[2]]);
        assertArrayEquals(
                p.headProbabilities(),
                again.headProbabilities(),
                "the same image, the same answer");
        BufferedImage overlay =
                AttentionOverlay.render(
                        ImageIO.read(file.toFile()),
                        p.patchAttention(),
                        grid,
                        p.promptAttention(),
                        classes);
        assertTrue(overlay.getWidth() > 500);
    }

    @Test
    void withoutACheckpointTheErrorNamesTheFileAndHowToGetIt() throws Exception {
        ExperimentConfig cfg =
                SyntheticRuns.config(
                        Method.fromId("instruction-vit"), "text", TuningMode.fromId("full"));
        Path run = Files.createDirectories(dir.resolve("results/runs").resolve(cfg.newRunId()));
        Files.writeString(run.resolve("config.json"), cfg.toJson());
        NoSuchFileException e =
                assertThrows(
                        NoSuchFileException.class,
                        () -> RunPredictor.open(run, List.of("a", "b", "c", "d")));
        assertTrue(
                e.getFile().endsWith("checkpoints/best.safetensors")
                        && e.getReason().contains("train this run again"),
                e.getMessage());
        CliRun cli =
                CliRun.of(
                        "predict",
                        "--results-dir",
                        dir.resolve("results").toString(),
                        "--run",
                        cfg.newRunId(),
                        image().toString());
        assertEquals(1, cli.exitCode(), cli.out() + cli.err());
        assertTrue(
                cli.err()
                        .contains(
                                "checkpoints/best.safetensors is missing: checkpoints are not committed"),
                cli.err());
    }

    @Test
    void aRunOfAnotherMethodIsRefusedByName() throws Exception {
        ExperimentConfig cfg =
                SyntheticRuns.config(Method.fromId("vit"), null, TuningMode.fromId("full"));
        Path run = Files.createDirectories(dir.resolve("results/runs").resolve(cfg.newRunId()));
        Files.writeString(run.resolve("config.json"), cfg.toJson());
        CliRun cli =
                CliRun.of(
                        "predict",
                        "--results-dir",
                        dir.resolve("results").toString(),
                        "--run",
                        cfg.newRunId(),
                        image().toString());
        assertEquals(1, cli.exitCode(), cli.out() + cli.err());
        assertTrue(
                cli.err()
                        .contains(
                                cfg.newRunId()
                                        + " is a vit run: predict reads the prompt tokens of an instruction-vit run"),
                cli.err());
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
