package org.ivit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.ivit.CliRun;
import org.ivit.Tensors;
import org.ivit.io.SafetensorsReader;
import org.ivit.io.SafetensorsWriter;
import org.ivit.model.ModelFamilies;
import org.ivit.model.TimmClassifier;
import org.ivit.model.TimmReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ivit forward timm} for every Table 1 family: timm's own outputs, and sizes and seeds not
 * in the vectors.
 */
class ForwardTimmCommandTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"deit", "deit-distilled", "cait", "pit", "resnet", "efficientnet"})
    void matchesTimmOnTheVendoredVectors(String name) throws Exception {
        Path out = dir.resolve(name + "-out.safetensors");
        CliRun run =
                CliRun.of(
                        "forward",
                        "timm",
                        "--config",
                        TimmReference.file(name + ".json").toString(),
                        "--weights",
                        TimmReference.file(name + ".safetensors").toString(),
                        "--input",
                        TimmReference.file(name + "-io.safetensors").toString(),
                        "--output",
                        out.toString());
        assertEquals(0, run.exitCode(), run::err);
        try (SafetensorsReader expected =
                        SafetensorsReader.open(TimmReference.file(name + "-io.safetensors"));
                SafetensorsReader actual = SafetensorsReader.open(out)) {
            for (String tensor : new String[] {"logits", "features"}) {
                assertEquals("F32", actual.info(tensor).dtype().name(), tensor);
                assertEquals(
                        java.util.Arrays.toString(expected.info(tensor).shape()),
                        java.util.Arrays.toString(actual.info(tensor).shape()),
                        tensor);
                Tensors.assertClose(
                        expected.floats(tensor),
                        actual.floats(tensor),
                        1e-4,
                        1e-4,
                        name + " " + tensor);
            }
        }
    }

    static Stream<Arguments> otherSizes() {
        return Stream.of(
                Arguments.of(
                        "deit",
                        "{\"img_size\": 48, \"patch_size\": 16, \"embed_dim\": 48, \"depth\": 1, \"num_heads\": 3, \"num_classes\": 5}",
                        new long[] {3, 3, 48, 48}),
                Arguments.of(
                        "deit-distilled",
                        "{\"img_size\": 48, \"patch_size\": 16, \"embed_dim\": 48, \"depth\": 1, \"num_heads\": 3, \"num_classes\": 5}",
                        new long[] {3, 3, 48, 48}),
                Arguments.of(
                        "cait",
                        "{\"img_size\": 48, \"patch_size\": 16, \"embed_dim\": 32, \"depth\": 1, \"num_heads\": 2, \"depth_token_only\": 1, \"num_classes\": 5}",
                        new long[] {3, 3, 48, 48}),
                Arguments.of(
                        "pit",
                        "{\"img_size\": 40, \"patch_size\": 8, \"stride\": 4, \"base_dims\": [8, 8, 8], \"depth\": [1, 1, 1], \"heads\": [2, 2, 4], \"num_classes\": 5}",
                        new long[] {3, 3, 40, 40}),
                Arguments.of(
                        "resnet",
                        "{\"block\": \"Bottleneck\", \"layers\": [1, 1, 1, 1], \"channels\": [8, 8, 16, 16], \"num_classes\": 5}",
                        new long[] {3, 3, 48, 56}),
                Arguments.of(
                        "efficientnet",
                        "{\"variant\": \"efficientnet_b1\", \"channel_multiplier\": 0.25, \"depth_multiplier\": 0.3, \"num_classes\": 5}",
                        new long[] {3, 3, 56, 56}));
    }

    /**
     * Other sizes and seeds: the command's outputs equal those of the same weights run in process.
     * (Parity with timm itself at these sizes needs timm to make new vectors; see the vendored
     * README.)
     */
    @ParameterizedTest
    @MethodSource("otherSizes")
    void worksForOtherSizesAndSeeds(String architecture, String args, long[] inputShape)
            throws Exception {
        JsonObject timmArgs = JsonParser.parseString(args).getAsJsonObject();
        Path config = dir.resolve(architecture + ".json");
        Files.writeString(
                config, "{\"architecture\": \"" + architecture + "\", \"args\": " + args + "}");
        Path weights = dir.resolve(architecture + ".safetensors");
        Path io = dir.resolve(architecture + "-io.safetensors");
        float[] logits;
        float[] features;
        try (Model model = ModelFamilies.create(architecture, timmArgs, 97);
                NDManager batch = model.getNDManager().newSubManager()) {
            TimmClassifier network = (TimmClassifier) model.getBlock();
            SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
            for (Map.Entry<String, Parameter> p : network.namedParameters().entrySet()) {
                NDArray value = p.getValue().getArray();
                // running_var starts at 1 and running_mean at 0: move them so the test sees them
                // loaded
                w.put(p.getKey(), p.getKey().endsWith("running_var") ? value.add(0.5f) : value);
            }
            w.write(weights);
            NDArray images = batch.randomNormal(new Shape(inputShape));
            new SafetensorsWriter().metadata("format", "pt").put("input", images).write(io);
            org.ivit.model.TimmWeights.load(network, weights, false);
            ParameterStore ps = new ParameterStore(batch, false);
            NDArray map = network.forwardFeatures(ps, images, false);
            logits = network.forwardHead(ps, map, false, false).toFloatArray();
            features = network.forwardHead(ps, map, false, true).toFloatArray();
        }
        Path out = dir.resolve(architecture + "-out.safetensors");
        CliRun run =
                CliRun.of(
                        "forward",
                        "timm",
                        "--config",
                        config.toString(),
                        "--weights",
                        weights.toString(),
                        "--input",
                        io.toString(),
                        "--output",
                        out.toString());
        assertEquals(0, run.exitCode(), run::err);
        try (SafetensorsReader actual = SafetensorsReader.open(out)) {
            assertEquals(inputShape[0] * 5, actual.floats("logits").length);
            Tensors.assertClose(
                    logits, actual.floats("logits"), 1e-6, 1e-6, architecture + " logits");
            Tensors.assertClose(
                    features, actual.floats("features"), 1e-6, 1e-6, architecture + " features");
        }
    }

    @Test
    void anUnknownArchitectureIsAnErrorNamingTheFileAndTheKnownOnes() throws Exception {
        Path config = dir.resolve("vgg.json");
        Files.writeString(config, "{\"architecture\": \"vgg\", \"args\": {}}");
        CliRun run =
                CliRun.of(
                        "forward",
                        "timm",
                        "--config",
                        config.toString(),
                        "--weights",
                        TimmReference.file("resnet.safetensors").toString(),
                        "--input",
                        TimmReference.file("resnet-io.safetensors").toString(),
                        "--output",
                        dir.resolve("o").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("vgg.json") && run.err().contains("efficientnet"), run::err);
        assertTrue(Files.notExists(dir.resolve("o")));
    }

    @Test
    void weightsOfAnotherFamilyAreRefusedWithTheMismatches() throws Exception {
        CliRun run =
                CliRun.of(
                        "forward",
                        "timm",
                        "--config",
                        TimmReference.file("resnet.json").toString(),
                        "--weights",
                        TimmReference.file("efficientnet.safetensors").toString(),
                        "--input",
                        TimmReference.file("resnet-io.safetensors").toString(),
                        "--output",
                        dir.resolve("o").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("conv1.weight"), run::err);
        assertTrue(Files.notExists(dir.resolve("o")));
    }
}
