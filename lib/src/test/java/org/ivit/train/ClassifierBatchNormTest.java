package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.ivit.backbone.TinyResNetProvider;
import org.ivit.model.conv.BatchNorm2d;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.TuningMode;
import org.junit.jupiter.api.Test;

/**
 * The classifier method on a BatchNorm CNN registered from outside (a {@link TinyResNetProvider} on
 * the class path): full fine-tuning trains every weight and moves the running statistics; head-only
 * trains {@code fc.} alone and keeps BatchNorm in evaluation mode, so a training forward computes
 * exactly the evaluation function. The buffers never train.
 */
class ClassifierBatchNormTest {

    private static ModelFactory.Built build(TuningMode mode) throws Exception {
        ExperimentConfig cfg =
                Profiles.of(
                        Profiles.QUICK,
                        "fashion_mnist",
                        Method.CLASSIFIER,
                        TinyResNetProvider.ID,
                        null,
                        mode);
        assertEquals(mode == TuningMode.FULL ? 1 : 0, cfg.table());
        assertTrue(
                cfg.newRunId()
                        .startsWith("quick-fashion_mnist-test_tiny_resnet-" + mode.id() + "-"),
                cfg.newRunId());
        return ModelFactory.build(cfg, 10, null, 0, null);
    }

    private static float[] runningMean(Map<String, Parameter> p) {
        return p.get("bn1.running_mean").getArray().toFloatArray();
    }

    @Test
    void fullFineTuningTrainsEveryWeightAndMovesTheStatistics() throws Exception {
        ModelFactory.Built built = build(TuningMode.FULL);
        try (ai.djl.Model model = built.model();
                NDManager m = model.getNDManager().newSubManager()) {
            for (Map.Entry<String, Parameter> e : built.parameters().entrySet()) {
                assertEquals(
                        !BatchNorm2d.isBuffer(e.getValue()),
                        e.getValue().requiresGradient(),
                        e.getKey());
            }
            float[] before = runningMean(built.parameters());
            NDArray x = m.randomNormal(new Shape(4, 3, 32, 32)).add(2f);
            built.block().forward(new ParameterStore(m, false), new NDList(x), true);
            float[] after = runningMean(built.parameters());
            assertFalse(
                    java.util.Arrays.equals(before, after), "fine-tuning updates the running mean");
            assertEquals(0.1 * meanOfChannel0(built, m, x), after[0] - 0.9 * before[0], 1e-4);
        }
    }

    @Test
    void headOnlyTrainsTheClassifierAndKeepsBatchNormInEvaluationMode() throws Exception {
        ModelFactory.Built built = build(TuningMode.PROMPT);
        try (ai.djl.Model model = built.model();
                NDManager m = model.getNDManager().newSubManager()) {
            List<String> trained =
                    built.parameters().entrySet().stream()
                            .filter(e -> e.getValue().requiresGradient())
                            .map(Map.Entry::getKey)
                            .sorted()
                            .toList();
            assertEquals(List.of("fc.bias", "fc.weight"), trained);
            float[] before = runningMean(built.parameters());
            NDArray x = m.randomNormal(new Shape(4, 3, 32, 32)).add(2f);
            float[] training =
                    built.block()
                            .forward(new ParameterStore(m, false), new NDList(x), true)
                            .head()
                            .toFloatArray();
            float[] evaluation =
                    built.block()
                            .forward(new ParameterStore(m, false), new NDList(x), false)
                            .head()
                            .toFloatArray();
            assertArrayEquals(
                    before,
                    runningMean(built.parameters()),
                    "a frozen backbone keeps its statistics");
            assertArrayEquals(
                    evaluation,
                    training,
                    1e-6f,
                    "a frozen backbone computes its evaluation function");
        }
    }

    /**
     * Through the engine: a head-only run of the registered CNN changes fc.* only, BatchNorm
     * statistics included, and records its backbone.
     */
    @Test
    void anEngineRunOfAHeadOnlyCnnChangesOnlyItsClassifier(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path runs) throws Exception {
        ExperimentConfig cfg =
                SyntheticRuns.config(Method.CLASSIFIER, null, TuningMode.PROMPT)
                        .with("backbone", TinyResNetProvider.ID)
                        .with("epochs", "1")
                        .with("warmupEpochs", "0")
                        .with("mixup", "false");
        java.util.Map<String, float[]> before = new java.util.LinkedHashMap<>();
        ModelFactory.Built built = ModelFactory.build(cfg, SyntheticRuns.CLASSES, null, 0, null);
        built.parameters().forEach((k, v) -> before.put(k, v.getArray().toFloatArray()));
        built.model().close();
        com.google.gson.JsonObject summary;
        try (NDManager m = NDManager.newBaseManager()) {
            summary =
                    new TrainingEngine(
                                    SyntheticRuns.inputWithoutPrompts(
                                            cfg, SyntheticRuns.data(m, 32)),
                                    TrainingReporter.quiet(System.out))
                            .run(runs)
                            .toJson();
        }
        assertEquals("classifier", summary.get("method").getAsString());
        assertEquals(TinyResNetProvider.ID, summary.get("backbone").getAsString());
        try (org.ivit.io.SafetensorsReader r =
                org.ivit.io.SafetensorsReader.open(
                        runs.resolve(cfg.newRunId()).resolve("checkpoints/last.safetensors"))) {
            for (java.util.Map.Entry<String, float[]> e : before.entrySet()) {
                float[] after = r.floats("param/" + e.getKey());
                if (e.getKey().startsWith("fc.")) {
                    assertFalse(
                            java.util.Arrays.equals(e.getValue(), after),
                            e.getKey() + " did not train");
                } else {
                    assertArrayEquals(e.getValue(), after, "frozen " + e.getKey() + " changed");
                }
            }
        }
    }

    /**
     * The batch mean of bn1's input channel 0: the stem convolution's output (conv1 has no bias).
     */
    private static double meanOfChannel0(ModelFactory.Built built, NDManager m, NDArray x) {
        NDArray w = built.parameters().get("conv1.weight").getArray();
        NDArray y =
                x.getNDArrayInternal()
                        .convolution(
                                x, w, null, new Shape(2, 2), new Shape(3, 3), new Shape(1, 1), 1)
                        .head();
        return y.get(":, 0, :, :").mean().getFloat();
    }
}
