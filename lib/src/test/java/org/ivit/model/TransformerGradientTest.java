package org.ivit.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ivit.io.SafetensorsReader;
import org.ivit.model.cait.Cait;
import org.ivit.model.cait.CaitConfig;
import org.ivit.model.deit.Deit;
import org.ivit.model.deit.DeitConfig;
import org.ivit.model.pit.Pit;
import org.ivit.model.pit.PitConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fine-tuning reaches every parameter: one backward pass through each family (in training mode, on
 * the reference weights) gives every named parameter a finite, non-zero gradient. A parameter the
 * forward never used (such as a second head that is not read) would get none.
 */
class TransformerGradientTest {

    private static Model create(String name) throws Exception {
        return switch (name) {
            case "deit" ->
                    Deit.create(DeitConfig.fromTimmArgs(TimmReference.args(name), false), 41);
            case "deit-distilled" ->
                    Deit.create(DeitConfig.fromTimmArgs(TimmReference.args(name), true), 41);
            case "cait" -> Cait.create(CaitConfig.fromTimmArgs(TimmReference.args(name)), 41);
            case "pit" -> Pit.create(PitConfig.fromTimmArgs(TimmReference.args(name)), 41);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"deit", "deit-distilled", "cait", "pit"})
    void everyParameterGetsAGradient(String name) throws Exception {
        try (Model model = create(name);
                NDManager batch = model.getNDManager().newSubManager();
                SafetensorsReader io =
                        SafetensorsReader.open(TimmReference.file(name + "-io.safetensors"))) {
            AbstractBlock block = (AbstractBlock) model.getBlock();
            NamedParameters named = (NamedParameters) block;
            TimmWeights.load(named, TimmReference.file(name + ".safetensors"), null);
            NDArray images = io.toNDArray("input", batch);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out =
                        block.forward(new ParameterStore(batch, false), new NDList(images), true);
                NDArray logits = out.get(0);
                collector.backward(logits.mul(logits).sum());
            }
            List<String> without = new ArrayList<>();
            for (Map.Entry<String, Parameter> e : named.namedParameters().entrySet()) {
                float[] g = e.getValue().getArray().getGradient().toFloatArray();
                boolean finite = true;
                boolean nonZero = false;
                for (float v : g) {
                    finite &= Float.isFinite(v);
                    nonZero |= v != 0f;
                }
                if (!finite || !nonZero) {
                    without.add(e.getKey());
                }
            }
            assertTrue(
                    without.isEmpty(),
                    name + ": parameters without a finite non-zero gradient: " + without);
        }
    }
}
