package org.ivit.model.conv;

import static org.ivit.Tensors.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.ivit.io.SafetensorsReader;
import org.ivit.model.resnet.ResNet;
import org.ivit.model.resnet.ResNetConfig;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm modes: evaluation and a frozen backbone use (and keep) the running statistics;
 * fine-tuning normalises with the batch's and moves the running statistics as PyTorch does with
 * timm's momentum 0.1 (running variance updated with the unbiased batch variance).
 */
class BatchNormModeTest {
    private static final int B = 3;
    private static final int C = 4;
    private static final int HW = 5;

    private static float[] random(Random r, int n, double scale, double offset) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (offset + scale * r.nextGaussian());
        }
        return v;
    }

    /** A BatchNorm with random affine parameters and running statistics. */
    private static BatchNorm2d batchNorm(NDManager manager, Random r) {
        BatchNorm2d bn = new BatchNorm2d(C, 1e-5f);
        bn.initialize(manager, DataType.FLOAT32, new Shape(B, C, HW, HW));
        Map<String, Parameter> p = bn.namedParameters();
        StrictWeightLoaderAccess.copy(p.get("weight"), random(r, C, 0.2, 1));
        StrictWeightLoaderAccess.copy(p.get("bias"), random(r, C, 0.1, 0));
        StrictWeightLoaderAccess.copy(p.get("running_mean"), random(r, C, 0.1, 0));
        float[] var = new float[C];
        for (int c = 0; c < C; c++) {
            var[c] = 0.5f + r.nextFloat();
        }
        StrictWeightLoaderAccess.copy(p.get("running_var"), var);
        return bn;
    }

    private static float[] normalise(
            float[] x, float[] mean, float[] var, float[] w, float[] b, float eps) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = i / (HW * HW) % C;
            y[i] = (float) ((x[i] - mean[c]) / Math.sqrt(var[c] + eps) * w[c] + b[c]);
        }
        return y;
    }

    private static float[] values(BatchNorm2d bn, String name) {
        return bn.namedParameters().get(name).getArray().toFloatArray();
    }

    @Test
    void evaluationUsesAndKeepsRunningStatistics() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Random r = new Random(1);
            BatchNorm2d bn = batchNorm(manager, r);
            float[] x = random(r, B * C * HW * HW, 2, 0.5);
            float[] mean = values(bn, "running_mean");
            float[] var = values(bn, "running_var");
            NDArray y =
                    bn.apply(
                            new ParameterStore(manager, false),
                            manager.create(x, new Shape(B, C, HW, HW)),
                            false);
            assertClose(
                    normalise(x, mean, var, values(bn, "weight"), values(bn, "bias"), 1e-5f),
                    y.toFloatArray(),
                    1e-5,
                    1e-5,
                    "eval");
            assertArrayEquals(mean, values(bn, "running_mean"));
            assertArrayEquals(var, values(bn, "running_var"));
            assertFalse(bn.usesBatchStatistics(false));
        }
    }

    @Test
    void fineTuningNormalisesWithTheBatchAndMovesRunningStatisticsWithMomentumPointOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Random r = new Random(2);
            BatchNorm2d bn = batchNorm(manager, r);
            float[] x = random(r, B * C * HW * HW, 2, 0.5);
            float[] oldMean = values(bn, "running_mean");
            float[] oldVar = values(bn, "running_var");
            float[] batchMean = new float[C];
            float[] biasedVar = new float[C];
            float[] unbiasedVar = new float[C];
            int n = B * HW * HW;
            for (int c = 0; c < C; c++) {
                double s = 0;
                double ss = 0;
                for (int i = 0; i < x.length; i++) {
                    if (i / (HW * HW) % C == c) {
                        s += x[i];
                    }
                }
                double m = s / n;
                for (int i = 0; i < x.length; i++) {
                    if (i / (HW * HW) % C == c) {
                        ss += (x[i] - m) * (x[i] - m);
                    }
                }
                batchMean[c] = (float) m;
                biasedVar[c] = (float) (ss / n);
                unbiasedVar[c] = (float) (ss / (n - 1));
            }
            assertTrue(bn.usesBatchStatistics(true));
            NDArray y =
                    bn.apply(
                            new ParameterStore(manager, false),
                            manager.create(x, new Shape(B, C, HW, HW)),
                            true);
            assertClose(
                    normalise(
                            x,
                            batchMean,
                            biasedVar,
                            values(bn, "weight"),
                            values(bn, "bias"),
                            1e-5f),
                    y.toFloatArray(),
                    1e-4,
                    1e-4,
                    "training output");
            float[] wantMean = new float[C];
            float[] wantVar = new float[C];
            for (int c = 0; c < C; c++) {
                wantMean[c] = 0.9f * oldMean[c] + 0.1f * batchMean[c];
                wantVar[c] = 0.9f * oldVar[c] + 0.1f * unbiasedVar[c];
            }
            assertClose(wantMean, values(bn, "running_mean"), 1e-5, 1e-5, "running_mean");
            assertClose(wantVar, values(bn, "running_var"), 1e-5, 1e-5, "running_var");
        }
    }

    @Test
    void frozenBatchNormComputesItsEvaluationFunctionInTraining() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Random r = new Random(3);
            BatchNorm2d bn = batchNorm(manager, r);
            bn.namedParameters().values().forEach(p -> p.freeze(true));
            float[] x = random(r, B * C * HW * HW, 2, 0.5);
            float[] mean = values(bn, "running_mean");
            float[] var = values(bn, "running_var");
            assertFalse(bn.usesBatchStatistics(true));
            NDArray y =
                    bn.apply(
                            new ParameterStore(manager, false),
                            manager.create(x, new Shape(B, C, HW, HW)),
                            true);
            assertClose(
                    normalise(x, mean, var, values(bn, "weight"), values(bn, "bias"), 1e-5f),
                    y.toFloatArray(),
                    1e-5,
                    1e-5,
                    "frozen");
            assertArrayEquals(mean, values(bn, "running_mean"));
            assertArrayEquals(var, values(bn, "running_var"));
        }
    }

    /**
     * Backward through a training-mode BatchNorm, even with the buffers (wrongly) marked trainable.
     */
    @Test
    void backwardWorksAndBuffersGetNoGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Random r = new Random(4);
            BatchNorm2d bn = batchNorm(manager, r);
            Map<String, Parameter> p = bn.namedParameters();
            assertFalse(p.get("running_mean").requiresGradient());
            assertFalse(p.get("running_var").requiresGradient());
            p.values().forEach(q -> q.freeze(false)); // what a by-name freeze of "train everything"
            // does
            float[] before = values(bn, "running_mean");
            NDArray x = manager.create(random(r, B * C * HW * HW, 2, 0.5), new Shape(B, C, HW, HW));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = bn.apply(new ParameterStore(manager, false), x, true);
                collector.backward(y.square().sum());
            }
            float[] g = p.get("weight").getArray().getGradient().toFloatArray();
            assertTrue(Math.abs(g[0]) > 0, "weight gradient");
            assertNotEquals(before[0], values(bn, "running_mean")[0], "running statistics moved");
        }
    }

    /**
     * The whole ResNet: frozen, a training forward is the reference's eval forward; fine-tuned,
     * every BN moves.
     */
    @Test
    void frozenResNetStaysInEvaluationModeAndFineTuningMovesEveryBatchNorm() throws Exception {
        ResNet net = new ResNet(ResNetConfig.fromJson(VendoredTimm.file("resnet.json")));
        try (Model model = TimmCnns.create(net, 7, 3);
                NDManager batch = model.getNDManager().newSubManager();
                SafetensorsReader io =
                        SafetensorsReader.open(VendoredTimm.file("resnet-io.safetensors"))) {
            TimmCheckpoints.load(net, VendoredTimm.file("resnet.safetensors"), false);
            Map<String, Parameter> params = net.namedParameters();
            Map<String, float[]> stats = new HashMap<>();
            params.forEach(
                    (k, v) -> {
                        if (k.endsWith("running_mean") || k.endsWith("running_var")) {
                            stats.put(k, v.getArray().toFloatArray());
                        }
                    });
            assertEquals(40, stats.size());
            params.values().forEach(p -> p.freeze(true));
            NDList frozen =
                    net.forward(
                            new ParameterStore(batch, false),
                            new NDList(io.toNDArray("input", batch)),
                            true);
            assertClose(
                    io.floats("logits"),
                    frozen.get(0),
                    io.info("logits").shape(),
                    1e-4,
                    1e-4,
                    "frozen training forward");
            stats.forEach(
                    (k, v) ->
                            assertArrayEquals(
                                    v,
                                    params.get(k).getArray().toFloatArray(),
                                    k + " changed while frozen"));

            params.forEach(
                    (k, p) -> p.freeze(k.endsWith("running_mean") || k.endsWith("running_var")));
            net.forward(
                    new ParameterStore(batch, false),
                    new NDList(io.toNDArray("input", batch)),
                    true);
            stats.forEach(
                    (k, v) ->
                            assertFalse(
                                    java.util.Arrays.equals(
                                            v, params.get(k).getArray().toFloatArray()),
                                    k + " did not move in fine-tuning"));
        }
    }
}
