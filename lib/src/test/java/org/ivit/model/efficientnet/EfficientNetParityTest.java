package org.ivit.model.efficientnet;

import static org.ivit.Tensors.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.io.SafetensorsReader;
import org.ivit.model.WeightMismatchException;
import org.ivit.model.conv.TimmCheckpoints;
import org.ivit.model.conv.TimmCnns;
import org.ivit.model.conv.VendoredTimm;
import org.ivit.model.efficientnet.EfficientNetConfig.BlockSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EfficientNet against timm's outputs on random weights (vendored reference/timm/efficientnet*).
 */
class EfficientNetParityTest {
    private static final double TOL = 1e-4;

    private static EfficientNetConfig config() throws Exception {
        return EfficientNetConfig.fromJson(VendoredTimm.file("efficientnet.json"));
    }

    @Test
    void configAndBlocksMatchWhatTimmBuilt() throws Exception {
        assertEquals(new EfficientNetConfig("efficientnet_b0", 0.25, 0.5, 10, 3), config());
        JsonObject derived =
                JsonParser.parseString(Files.readString(VendoredTimm.file("efficientnet.json")))
                        .getAsJsonObject()
                        .getAsJsonObject("derived");
        assertEquals(derived.get("stem_size").getAsInt(), config().stemChannels());
        assertEquals(derived.get("num_features").getAsInt(), config().numFeatures());
        List<BlockSpec> ours = config().stages().stream().flatMap(List::stream).toList();
        JsonArray theirs = derived.getAsJsonArray("blocks");
        assertEquals(theirs.size(), ours.size());
        for (int i = 0; i < ours.size(); i++) {
            JsonObject t = theirs.get(i).getAsJsonObject();
            BlockSpec o = ours.get(i);
            String what = t.get("name").getAsString();
            assertEquals(what, o.name());
            assertEquals(
                    t.get("type").getAsString().equals("DepthwiseSeparableConv"),
                    o.depthwiseSeparable(),
                    what);
            assertEquals(t.get("in_chs").getAsInt(), o.in(), what);
            assertEquals(t.get("out_chs").getAsInt(), o.out(), what);
            assertEquals(t.get("kernel").getAsInt(), o.kernel(), what);
            assertEquals(t.get("stride").getAsInt(), o.stride(), what);
            assertEquals(t.get("padding").getAsInt(), o.kernel() / 2, what);
            assertEquals(t.get("se_chs").getAsInt(), o.seChannels(), what);
            assertEquals(t.get("has_skip").getAsBoolean(), o.hasSkip(), what);
            JsonElement mid = t.get("mid_chs");
            if (mid != null) {
                assertEquals(mid.getAsInt(), o.mid(), what);
            }
        }
    }

    @Test
    void reproducesReferenceLogitsAndFeatures() throws Exception {
        EfficientNet net = new EfficientNet(config());
        try (Model model = TimmCnns.create(net, 7, 3);
                NDManager batch = model.getNDManager().newSubManager();
                SafetensorsReader io =
                        SafetensorsReader.open(VendoredTimm.file("efficientnet-io.safetensors"))) {
            // 228 tensors, of which 31 are num_batches_tracked (accepted, not loaded)
            assertEquals(
                    228 - 31,
                    TimmCheckpoints.load(net, VendoredTimm.file("efficientnet.safetensors"), false)
                            .size());
            ParameterStore ps = new ParameterStore(batch, false);
            NDList out = net.forward(ps, new NDList(io.toNDArray("input", batch)), false);
            System.out.printf(
                    "efficientnet parity max|diff|: logits %.3g, features %.3g, forward_features %.3g%n",
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
        EfficientNet net = new EfficientNet(config());
        try (Model model = TimmCnns.create(net, 7, 3);
                NDManager batch = model.getNDManager().newSubManager();
                SafetensorsReader io =
                        SafetensorsReader.open(VendoredTimm.file("efficientnet-io.safetensors"))) {
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
            TimmCheckpoints.load(net, VendoredTimm.file("efficientnet.safetensors"), false);
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
    void mismatchesAreReportedInFull(@TempDir Path dir) throws Exception {
        Path edited =
                VendoredTimm.rewrite(
                        VendoredTimm.file("efficientnet.safetensors"),
                        dir.resolve("edited.safetensors"),
                        name ->
                                name.startsWith("blocks.5.1.")
                                        ? null // a whole block missing
                                        : name.equals("blocks.0.0.se.conv_reduce.bias")
                                                ? "blocks.0.0.se.fc1.bias"
                                                : name,
                        null);
        EfficientNet net = new EfficientNet(config().withClasses(5));
        WeightMismatchException e =
                assertThrows(
                        WeightMismatchException.class,
                        () -> TimmCheckpoints.load(net, edited, false));
        // blocks.5.1: conv_pw, conv_dw, conv_pwl, 3 BN x 4, SE 2 x 2 = 19; plus the renamed SE bias
        assertEquals(20, e.missing().size(), e.getMessage());
        assertTrue(e.missing().contains("blocks.0.0.se.conv_reduce.bias"));
        assertEquals(List.of("blocks.0.0.se.fc1.bias"), e.unexpected());
        assertEquals(2, e.shapeMismatches().size(), e.getMessage());
        assertTrue(
                e.shapeMismatches()
                        .get(0)
                        .startsWith(
                                "classifier.weight: checkpoint F32 [10, 320], model F32 [5, 320]"));
    }
}
