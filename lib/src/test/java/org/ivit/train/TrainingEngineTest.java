package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.ivit.io.SafetensorsReader;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.TuningMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingEngineTest {
    @TempDir Path runs;

    @Test
    void promptModesChangeOnlyTheirTrainableParametersBitForBit() throws Exception {
        check(
                SyntheticRuns.config(Method.VPT, null, TuningMode.PROMPT),
                n -> n.startsWith("head.") || n.equals("prompt_embeddings"));
        check(
                SyntheticRuns.config(Method.INSTRUCTION_VIT, "text", TuningMode.PROMPT),
                n -> n.startsWith("head.") || n.equals("prompt_token"));
        check(
                SyntheticRuns.config(Method.INSTRUCTION_VIT, "text", TuningMode.PROMPT)
                        .with("trainPromptProj", "true"),
                n ->
                        n.startsWith("head.")
                                || n.equals("prompt_token")
                                || n.startsWith("prompt_proj."));
        check(SyntheticRuns.config(Method.INSTRUCTION_VIT, "text", TuningMode.FULL), n -> true);
    }

    /**
     * Trains one epoch and compares the checkpoint with the initial weights, parameter by
     * parameter.
     */
    private void check(ExperimentConfig cfg, Predicate<String> shouldTrain) throws Exception {
        cfg = cfg.with("epochs", "1").with("warmupEpochs", "0");
        Map<String, float[]> before = new LinkedHashMap<>();
        ModelFactory.Built built =
                ModelFactory.build(
                        cfg,
                        SyntheticRuns.CLASSES,
                        SyntheticRuns.promptBank(5),
                        SyntheticRuns.PROMPT_DIM,
                        null);
        for (Map.Entry<String, Parameter> e : built.parameters().entrySet()) {
            before.put(e.getKey(), e.getValue().getArray().toFloatArray());
        }
        built.model().close();
        try (NDManager m = NDManager.newBaseManager()) {
            new TrainingEngine(
                            SyntheticRuns.input(cfg, SyntheticRuns.data(m, 32)),
                            TrainingReporter.quiet(System.out))
                    .run(runs);
        }
        Path last = runs.resolve(cfg.newRunId()).resolve("checkpoints/last.safetensors");
        int trained = 0;
        try (SafetensorsReader r = SafetensorsReader.open(last)) {
            for (Map.Entry<String, float[]> e : before.entrySet()) {
                float[] after = r.floats("param/" + e.getKey());
                if (shouldTrain.test(e.getKey())) {
                    assertFalse(
                            java.util.Arrays.equals(e.getValue(), after),
                            cfg.method() + " " + cfg.mode() + ": " + e.getKey() + " did not train");
                    trained++;
                } else {
                    assertArrayEquals(
                            e.getValue(),
                            after,
                            cfg.method()
                                    + " "
                                    + cfg.mode()
                                    + ": frozen "
                                    + e.getKey()
                                    + " changed");
                }
            }
        }
        assertTrue(trained >= 2);
    }

    @Test
    void aRunKilledAfterAnEpochResumesToTheSameResultAsAnUninterruptedRun() throws Exception {
        ExperimentConfig cfg =
                SyntheticRuns.config(Method.INSTRUCTION_VIT, "text", TuningMode.FULL);
        Path uninterrupted = runs.resolve("a");
        Path resumed = runs.resolve("b");
        JsonObject expected = train(cfg, uninterrupted);
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingReporter killer = new KillAfterFirstEpoch();
            assertThrows(
                    IllegalStateException.class,
                    () ->
                            new TrainingEngine(
                                            SyntheticRuns.input(cfg, SyntheticRuns.data(m, 64)),
                                            killer)
                                    .run(resumed));
        }
        assertFalse(Files.exists(resumed.resolve(cfg.newRunId()).resolve("summary.json")));
        JsonObject actual = train(cfg, resumed);
        for (String key : new String[] {"test_top1", "test_top5", "val_top1", "best_epoch"}) {
            assertEquals(expected.get(key).getAsDouble(), actual.get(key).getAsDouble(), 0, key);
        }
        assertEquals(
                metricsWithoutTiming(uninterrupted, cfg),
                metricsWithoutTiming(resumed, cfg),
                "per-epoch losses and accuracies (all but the timing column) must match");
    }

    /**
     * The garbage collector running all the time must change nothing: no tensor of the autograd
     * graph may live in Java memory that it can free. (DJL's mul(Number) scalars did: the gradients
     * read freed memory, and runs differed or skipped non-finite steps by chance.)
     */
    @Test
    void aRunUnderConstantGarbageCollectionMatchesAnUndisturbedOne() throws Exception {
        ExperimentConfig cfg =
                SyntheticRuns.config(Method.INSTRUCTION_VIT, "text", TuningMode.FULL);
        JsonObject calm = train(cfg, runs.resolve("calm"));
        Thread collector =
                new Thread(
                        () -> {
                            try {
                                while (true) {
                                    System.gc();
                                    Thread.sleep(2);
                                }
                            } catch (InterruptedException stop) {
                                // the stressed run is over
                            }
                        });
        collector.setDaemon(true);
        collector.start();
        JsonObject stressed;
        try {
            stressed = train(cfg, runs.resolve("stressed"));
        } finally {
            collector.interrupt();
            collector.join();
        }
        assertEquals(0, calm.get("skipped_steps").getAsInt());
        assertEquals(
                0,
                stressed.get("skipped_steps").getAsInt(),
                "steps skipped as non-finite under garbage collection");
        assertEquals(
                metricsWithoutTiming(runs.resolve("calm"), cfg),
                metricsWithoutTiming(runs.resolve("stressed"), cfg),
                "per-epoch losses and accuracies under garbage collection");
    }

    /** A run's metrics.csv without its last column, the epoch's wall time. */
    private static String metricsWithoutTiming(Path dir, ExperimentConfig cfg)
            throws java.io.IOException {
        return Files.readString(dir.resolve(cfg.newRunId()).resolve("metrics.csv"))
                .replaceAll(",[0-9.]+\n", "\n");
    }

    private static JsonObject train(ExperimentConfig cfg, Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            return new TrainingEngine(
                            SyntheticRuns.input(cfg, SyntheticRuns.data(m, 64)),
                            TrainingReporter.quiet(System.out))
                    .run(dir)
                    .toJson();
        }
    }

    @Test
    void aBatchWithANonFiniteLossIsSkippedAndNeverReachesTheWeights() throws Exception {
        ExperimentConfig cfg = SyntheticRuns.config(Method.VIT, null, TuningMode.FULL);
        JsonObject summary;
        try (NDManager m = NDManager.newBaseManager()) {
            summary =
                    new TrainingEngine(
                                    SyntheticRuns.inputWithoutPrompts(
                                            cfg, SyntheticRuns.data(m, 64, true)),
                                    TrainingReporter.quiet(System.out))
                            .run(runs)
                            .toJson();
        }
        assertEquals(
                2,
                summary.get("skipped_steps").getAsInt(),
                "one poisoned batch per epoch, two epochs");
        // the results layer must be able to read what the engine writes, for every method
        RunSummary read = RunSummary.read(runs.resolve(cfg.newRunId()).resolve("summary.json"));
        assertEquals(Method.VIT, read.cfg().method());
        assertTrue(Double.isFinite(summary.get("test_top1").getAsDouble()));
        try (SafetensorsReader r =
                SafetensorsReader.open(
                        runs.resolve(cfg.newRunId()).resolve("checkpoints/last.safetensors"))) {
            for (String name : r.names()) {
                for (float v : r.floats(name)) {
                    assertTrue(Float.isFinite(v), name + " holds a non-finite value");
                }
            }
        }
    }

    /**
     * PyTorch's grad mode is per thread and on by default; DJL turns it off only on the thread that
     * loads the engine. A notebook kernel runs cells on other threads, where updating a parameter
     * in place failed ("a leaf Variable that requires grad is being used in an in-place
     * operation").
     */
    @Test
    void trainingAndResumingWorkOnAThreadOtherThanTheOneThatLoadedTheEngine() throws Exception {
        ai.djl.engine.Engine.getInstance(); // loaded here, on the test's thread
        ExperimentConfig cfg =
                SyntheticRuns.config(Method.INSTRUCTION_VIT, "text", TuningMode.FULL);
        Throwable[] failure = new Throwable[1];
        Runnable trainTwice =
                () -> {
                    try (NDManager m = NDManager.newBaseManager()) {
                        assertThrows(
                                IllegalStateException.class,
                                () ->
                                        new TrainingEngine(
                                                        SyntheticRuns.input(
                                                                cfg, SyntheticRuns.data(m, 64)),
                                                        new KillAfterFirstEpoch())
                                                .run(runs));
                        JsonObject summary =
                                new TrainingEngine(
                                                SyntheticRuns.input(cfg, SyntheticRuns.data(m, 64)),
                                                TrainingReporter.quiet(System.out))
                                        .run(runs)
                                        .toJson();
                        assertTrue(summary.get("finished").getAsBoolean());
                    } catch (Throwable t) {
                        failure[0] = t;
                    }
                };
        Thread other = new Thread(trainTwice, "like-a-notebook-cell");
        other.start();
        other.join();
        if (failure[0] != null) {
            throw new AssertionError(
                    "training on a fresh thread failed: " + failure[0], failure[0]);
        }
    }

    @Test
    void anEmptyValidationSplitIsRefusedBeforeAnyTraining() throws Exception {
        ExperimentConfig cfg = SyntheticRuns.config(Method.VIT, null, TuningMode.FULL);
        try (NDManager m = NDManager.newBaseManager()) {
            RunData full = SyntheticRuns.data(m, 64);
            RunData noVal =
                    new RunData(
                            full.train(),
                            SyntheticRuns.emptySplit(m),
                            full.test(),
                            full.classes(),
                            "synthetic",
                            () -> 0,
                            null,
                            epoch -> {});
            RunInput input = SyntheticRuns.inputWithoutPrompts(cfg, noVal);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    new TrainingEngine(input, TrainingReporter.quiet(System.out))
                                            .run(runs));
            assertTrue(
                    e.getMessage().contains("empty validation split")
                            && e.getMessage().contains("selection=test"),
                    e.getMessage());
        }
        assertFalse(
                Files.exists(runs.resolve(cfg.newRunId())),
                "nothing may be written for a run that cannot select an epoch");
    }

    /** Simulates a kill right after the first epoch's checkpoint. */
    private static final class KillAfterFirstEpoch implements TrainingReporter {
        @Override
        public void startEpoch(int epoch, int epochs, long steps) {}

        @Override
        public void step(long stepInEpoch, double loss, double lr, double imagesPerSecond) {}

        @Override
        public void endEpoch(RunDirectory.EpochMetrics metrics) {
            throw new IllegalStateException("killed");
        }

        @Override
        public void message(String text) {}
    }
}
