package org.ivit.model.resnet;

import static org.ivit.Tensors.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import org.ivit.io.SafetensorsReader;
import org.ivit.model.WeightMismatchException;
import org.ivit.model.conv.TimmCheckpoints;
import org.ivit.model.conv.TimmCnns;
import org.ivit.model.conv.VendoredTimm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ResNet (Bottleneck) against timm's outputs on random weights (vendored reference/timm/resnet*).
 */
class ResNetParityTest {
    private static final double TOL = 1e-4;

    private static ResNetConfig config() throws Exception {
        return ResNetConfig.fromJson(VendoredTimm.file("resnet.json"));
    }

    @Test
    void configComesFromTimmArguments() throws Exception {
        assertEquals(
                new ResNetConfig(
                        "Bottleneck", List.of(1, 2, 1, 1), List.of(8, 16, 32, 64), 10, 3, 64),
                config());
        assertEquals(256, config().numFeatures());
    }

    @Test
    void reproducesReferenceLogitsAndFeatures() throws Exception {
        ResNet net = new ResNet(config());
        try (Model model = TimmCnns.create(net, 7, 3);
                NDManager batch = model.getNDManager().newSubManager();
                SafetensorsReader io =
                        SafetensorsReader.open(VendoredTimm.file("resnet-io.safetensors"))) {
            // 122 tensors, of which 20 are num_batches_tracked (accepted, not loaded)
            assertEquals(
                    122 - 20,
                    TimmCheckpoints.load(net, VendoredTimm.file("resnet.safetensors"), false)
                            .size());
            ParameterStore ps = new ParameterStore(batch, false);
            NDList out = net.forward(ps, new NDList(io.toNDArray("input", batch)), false);
            System.out.printf(
                    "resnet parity max|diff|: logits %.3g, features %.3g, forward_features %.3g%n",
                    VendoredTimm.maxAbsDiff(io.floats("logits"), out.get(0)),
                    VendoredTimm.maxAbsDiff(io.floats("features"), out.get(1)),
                    VendoredTimm.maxAbsDiff(io.floats("forward_features"), out.get(2)));
            assertClose(
                    io.floats("logits"), out.get(0), io.info("logits").shape(), TOL, TOL, "logits");
            assertClose(
                    io.floats("features"),
                    out.get(1),
                    io.info("features").shape(),
                    TOL,
                    TOL,
                    "features");
            assertClose(
                    io.floats("forward_features"),
                    out.get(2),
                    io.info("forward_features").shape(),
                    TOL,
                    TOL,
                    "forward_features");
            // timm's split: forward_head(forward_features(x)) == model(x)
            NDArray logits =
                    net.forwardHead(
                            ps,
                            net.forwardFeatures(ps, io.toNDArray("input", batch), false),
                            false,
                            false);
            assertClose(
                    io.floats("logits"),
                    logits,
                    io.info("logits").shape(),
                    TOL,
                    TOL,
                    "forwardHead logits");
        }
    }

    @Test
    void parityFailsWithRandomWeightsOrBatchStatistics() throws Exception {
        ResNet net = new ResNet(config());
        try (Model model = TimmCnns.create(net, 7, 3);
                NDManager batch = model.getNDManager().newSubManager();
                SafetensorsReader io =
                        SafetensorsReader.open(VendoredTimm.file("resnet-io.safetensors"))) {
            ParameterStore ps = new ParameterStore(batch, false);
            NDList random = net.forward(ps, new NDList(io.toNDArray("input", batch)), false);
            assertThrows(
                    AssertionError.class,
                    () ->
                            assertClose(
                                    io.floats("logits"),
                                    random.get(0),
                                    io.info("logits").shape(),
                                    TOL,
                                    TOL,
                                    "logits"));
            TimmCheckpoints.load(net, VendoredTimm.file("resnet.safetensors"), false);
            // BatchNorm with the batch's statistics (a training-mode forward) must not pass for
            // eval
            NDList batchStats = net.forward(ps, new NDList(io.toNDArray("input", batch)), true);
            assertThrows(
                    AssertionError.class,
                    () ->
                            assertClose(
                                    io.floats("features"),
                                    batchStats.get(1),
                                    io.info("features").shape(),
                                    TOL,
                                    TOL,
                                    "features"));
        }
    }

    @Test
    void otherClassCountNamesTheClassifierAndCanBeReinitialised() throws Exception {
        ResNet net = new ResNet(config().withClasses(37));
        Path weights = VendoredTimm.file("resnet.safetensors");
        try (Model model = TimmCnns.create(net, 7, 3)) {
            WeightMismatchException e =
                    assertThrows(
                            WeightMismatchException.class,
                            () -> TimmCheckpoints.load(net, weights, false));
            assertEquals(
                    List.of(
                            "fc.weight: checkpoint F32 [10, 256], model F32 [37, 256] (the checkpoint's classifier has 10 "
                                    + "classes, the model 37; ask to re-initialise the classifier to fine-tune on another class count)",
                            "fc.bias: checkpoint F32 [10], model F32 [37]"),
                    e.shapeMismatches());
            assertTrue(e.missing().isEmpty() && e.unexpected().isEmpty(), e.getMessage());
            assertEquals(122 - 20 - 2, TimmCheckpoints.load(net, weights, true).size());
        }
    }

    @Test
    void deeperModelListsEveryMissingTensorButNoCounter() throws Exception {
        ResNet net =
                new ResNet(
                        new ResNetConfig(
                                "Bottleneck",
                                List.of(1, 3, 1, 1),
                                List.of(8, 16, 32, 64),
                                10,
                                3,
                                64));
        WeightMismatchException e =
                assertThrows(
                        WeightMismatchException.class,
                        () ->
                                TimmCheckpoints.load(
                                        net, VendoredTimm.file("resnet.safetensors"), false));
        // layer2.2: 3 convs + 3 BatchNorms x 4 tensors; its num_batches_tracked may be absent
        assertEquals(15, e.missing().size(), e.getMessage());
        assertTrue(e.missing().contains("layer2.2.bn3.running_var"), e.getMessage());
        assertFalse(
                e.missing().stream().anyMatch(n -> n.endsWith("num_batches_tracked")),
                e.getMessage());
        assertTrue(e.unexpected().isEmpty() && e.shapeMismatches().isEmpty(), e.getMessage());
        assertTrue(
                e.getMessage().contains("missing (15): layer2.2.conv1.weight, layer2.2.bn1.weight"),
                e.getMessage());
    }

    @Test
    void unexpectedRenamedAndMistypedTensorsAreAllReported(@TempDir Path dir) throws Exception {
        Path edited =
                VendoredTimm.rewrite(
                        VendoredTimm.file("resnet.safetensors"),
                        dir.resolve("edited.safetensors"),
                        name ->
                                switch (name) {
                                    case "layer1.0.bn1.running_mean" ->
                                            "layer1.0.bn1.running_avg"; // renamed
                                    case "layer3.0.bn2.num_batches_tracked" ->
                                            null; // dropped: accepted
                                    case "layer4.0.bn3.num_batches_tracked" ->
                                            null; // replaced below as F32
                                    default -> name;
                                },
                        w -> {
                            w.putFloats(
                                    "layer4.0.bn3.num_batches_tracked",
                                    new long[0],
                                    new float[] {3f});
                            w.putLongs(
                                    "layer5.0.bn1.num_batches_tracked",
                                    new long[0],
                                    new long[] {1}); // no such BatchNorm
                        });
        ResNet net = new ResNet(config());
        WeightMismatchException e =
                assertThrows(
                        WeightMismatchException.class,
                        () -> TimmCheckpoints.load(net, edited, false));
        assertEquals(List.of("layer1.0.bn1.running_mean"), e.missing(), e.getMessage());
        assertEquals(
                List.of("layer1.0.bn1.running_avg", "layer5.0.bn1.num_batches_tracked"),
                e.unexpected(),
                e.getMessage());
        assertEquals(
                List.of("layer4.0.bn3.num_batches_tracked: checkpoint F32 [], model I64 []"),
                e.shapeMismatches(),
                e.getMessage());
    }
}
