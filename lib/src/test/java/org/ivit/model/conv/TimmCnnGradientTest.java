package org.ivit.model.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.ivit.io.SafetensorsReader;
import org.ivit.model.TimmClassifier;
import org.junit.jupiter.api.Test;

/**
 * Backward through the whole CNNs (whose blocks close their intermediates): every trainable tensor
 * gets a finite gradient, and selected gradient entries agree with central finite differences of
 * the (evaluation-mode, hence deterministic) loss.
 */
class TimmCnnGradientTest {

    private static double loss(TimmClassifier cnn, NDManager batch, NDArray input) {
        try (NDManager scope = batch.newSubManager()) {
            NDArray x = input.duplicate();
            x.attach(scope);
            NDList out =
                    ((Block) cnn).forward(new ParameterStore(scope, false), new NDList(x), false);
            double sum = 0;
            for (float v : out.get(0).toFloatArray()) {
                sum += (double) v * v;
            }
            return sum;
        }
    }

    private static void check(String family, List<String> probes) throws Exception {
        TimmClassifier cnn = TimmCnns.fromJson(VendoredTimm.file(family + ".json"));
        try (Model model = TimmCnns.create(cnn, 3, 3);
                NDManager batch = model.getNDManager().newSubManager();
                SafetensorsReader io =
                        SafetensorsReader.open(VendoredTimm.file(family + "-io.safetensors"))) {
            TimmCheckpoints.load(cnn, VendoredTimm.file(family + ".safetensors"), false);
            NDArray input = io.toNDArray("input", batch);
            Map<String, Parameter> params = cnn.namedParameters();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out =
                        ((Block) cnn)
                                .forward(
                                        new ParameterStore(batch, false), new NDList(input), false);
                collector.backward(out.get(0).square().sum());
            }
            int trainable = 0;
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                if (e.getValue().requiresGradient()) {
                    trainable++;
                    float[] g = e.getValue().getArray().getGradient().toFloatArray();
                    double norm = 0;
                    for (float v : g) {
                        assertTrue(Float.isFinite(v), e.getKey());
                        norm += v * v;
                    }
                    assertTrue(norm > 0, e.getKey() + " has a zero gradient");
                }
            }
            assertEquals(
                    params.size()
                            - 2
                                    * params.keySet().stream()
                                            .filter(k -> k.endsWith("running_var"))
                                            .count(),
                    trainable);
            for (String probe : probes) {
                NDArray w = params.get(probe).getArray();
                float[] grad = w.getGradient().toFloatArray();
                int at = 0; // the entry with the largest gradient: the best signal against float32
                // noise
                for (int i = 1; i < grad.length; i++) {
                    if (Math.abs(grad[i]) > Math.abs(grad[at])) {
                        at = i;
                    }
                }
                float analytic = grad[at];
                float[] values = w.toFloatArray();
                float original = values[at];
                // moves the loss by about 2e-3: few ReLU / max-pool kinks crossed, well above
                // float32 noise
                double h = 2e-3 / Math.max(1, Math.abs(analytic));
                values[at] = (float) (original + h);
                org.ivit.model.StrictWeightLoader.copyInto(params.get(probe), values);
                double up = loss(cnn, batch, input);
                values[at] = (float) (original - h);
                org.ivit.model.StrictWeightLoader.copyInto(params.get(probe), values);
                double down = loss(cnn, batch, input);
                values[at] = original;
                org.ivit.model.StrictWeightLoader.copyInto(params.get(probe), values);
                double numeric = (up - down) / (2 * h);
                System.out.printf(
                        "%s %s[%d]: gradient %.5g, finite difference %.5g%n",
                        family, probe, at, analytic, numeric);
                assertEquals(numeric, analytic, 0.03 * Math.abs(numeric) + 1e-3, probe);
            }
        }
    }

    @Test
    void resNetGradientsMatchFiniteDifferences() throws Exception {
        check(
                "resnet",
                List.of(
                        "conv1.weight",
                        "layer2.0.conv2.weight",
                        "layer2.0.downsample.1.weight",
                        "layer4.0.bn3.bias",
                        "fc.weight"));
    }

    @Test
    void efficientNetGradientsMatchFiniteDifferences() throws Exception {
        check(
                "efficientnet",
                List.of(
                        "conv_stem.weight",
                        "blocks.0.0.conv_dw.weight",
                        "blocks.3.1.se.conv_reduce.weight",
                        "blocks.5.1.se.conv_expand.bias",
                        "blocks.6.0.bn3.weight",
                        "classifier.bias"));
    }
}
