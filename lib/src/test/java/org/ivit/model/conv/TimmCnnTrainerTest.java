package org.ivit.model.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ivit.model.TimmClassifier;
import org.ivit.model.efficientnet.EfficientNet;
import org.ivit.model.efficientnet.EfficientNetConfig;
import org.junit.jupiter.api.Test;

/**
 * Through DJL's Trainer (as the training engine drives models): fine-tuning moves weights and
 * running statistics; with the backbone frozen only the classifier moves and every BatchNorm keeps
 * its statistics. The optimiser never touches the buffers.
 */
class TimmCnnTrainerTest {

    private static Map<String, float[]> snapshot(TimmClassifier cnn) {
        Map<String, float[]> out = new LinkedHashMap<>();
        cnn.namedParameters().forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }

    private static void steps(Model model, int n) {
        try (Trainer trainer =
                        model.newTrainer(
                                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                                        .optOptimizer(Optimizer.adam().build()));
                NDManager batch = trainer.getManager().newSubManager()) {
            for (int i = 0; i < n; i++) {
                NDArray x = batch.randomNormal(new Shape(4, 3, 48, 40));
                NDArray labels = batch.randomInteger(0, 10, new Shape(4), DataType.INT64);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList out = trainer.forward(new NDList(x));
                    collector.backward(
                            trainer.getLoss().evaluate(new NDList(labels), new NDList(out.get(0))));
                }
                trainer.step();
            }
        }
    }

    private static TimmClassifier tiny() {
        return new EfficientNet(new EfficientNetConfig("efficientnet_b0", 0.25, 0.5, 10, 3));
    }

    @Test
    void fineTuningMovesWeightsAndRunningStatistics() {
        TimmClassifier cnn = tiny();
        try (Model model = TimmCnns.create(cnn, 5, 3)) {
            // as a by-name freeze ("train everything") does, buffers included: still no optimiser
            // update of them
            cnn.namedParameters().values().forEach(p -> p.freeze(false));
            Map<String, float[]> before = snapshot(cnn);
            steps(model, 2);
            Map<String, float[]> after = snapshot(cnn);
            before.forEach(
                    (k, v) -> {
                        for (float f : after.get(k)) {
                            assertTrue(Float.isFinite(f), k);
                        }
                        assertFalse(Arrays.equals(v, after.get(k)), k + " did not move");
                    });
        }
    }

    @Test
    void frozenBackboneKeepsEveryBatchNormAndTrainsOnlyTheClassifier() {
        TimmClassifier cnn = tiny();
        try (Model model = TimmCnns.create(cnn, 5, 3)) {
            Map<String, Parameter> params = cnn.namedParameters();
            params.forEach((k, p) -> p.freeze(!k.startsWith(cnn.classifierPrefix())));
            Map<String, float[]> before = snapshot(cnn);
            steps(model, 2);
            Map<String, float[]> after = snapshot(cnn);
            before.forEach(
                    (k, v) -> {
                        if (k.startsWith(cnn.classifierPrefix())) {
                            assertFalse(Arrays.equals(v, after.get(k)), k + " did not train");
                        } else {
                            assertArrayEquals(
                                    v, after.get(k), k + " changed with the backbone frozen");
                        }
                    });
        }
    }
}
