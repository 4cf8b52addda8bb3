package org.ivit.model.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonParser;
import org.ivit.model.TimmClassifier;
import org.ivit.model.efficientnet.EfficientNet;
import org.ivit.model.resnet.ResNet;
import org.junit.jupiter.api.Test;

/**
 * Sizes other than the reference's: the models build from timm arguments and run on odd, non-square
 * inputs with the output shapes they declare. (Shapes only: there is no timm here to give values
 * for these sizes; see README-cnn.md.)
 */
class TimmCnnShapesTest {

    private static void runs(TimmClassifier cnn, int inChans, int h, int w) {
        try (Model model = TimmCnns.create(cnn, 11, inChans);
                NDManager batch = model.getNDManager().newSubManager()) {
            Shape input = new Shape(2, inChans, h, w);
            NDList out =
                    ((Block) cnn)
                            .forward(
                                    new ParameterStore(batch, false),
                                    new NDList(batch.randomNormal(input)),
                                    false);
            Shape[] declared = ((Block) cnn).getOutputShapes(new Shape[] {input});
            for (int i = 0; i < 3; i++) {
                assertEquals(declared[i], out.get(i).getShape(), "output " + i);
                for (float v : out.get(i).toFloatArray()) {
                    assertTrue(Float.isFinite(v));
                }
            }
        }
    }

    @Test
    void buildsFromEachVendoredJson() throws Exception {
        assertInstanceOf(ResNet.class, TimmCnns.fromJson(VendoredTimm.file("resnet.json")));
        assertInstanceOf(
                EfficientNet.class, TimmCnns.fromJson(VendoredTimm.file("efficientnet.json")));
    }

    @Test
    void resNetRunsAtOtherSizes() {
        runs(
                TimmCnns.build(
                        "resnet",
                        JsonParser.parseString(
                                        "{\"block\":\"Bottleneck\",\"layers\":[2,1,1,2],\"channels\":[8,8,16,16],\"num_classes\":3,\"in_chans\":1}")
                                .getAsJsonObject()),
                1,
                70,
                45);
    }

    @Test
    void efficientNetRunsAtOtherSizes() {
        runs(
                TimmCnns.build(
                        "efficientnet",
                        JsonParser.parseString(
                                        "{\"variant\":\"efficientnet_b2\",\"channel_multiplier\":0.3,\"depth_multiplier\":0.4,\"num_classes\":4}")
                                .getAsJsonObject()),
                3,
                57,
                41);
    }

    @Test
    void unknownArgumentsAndBlocksAreRefusedByName() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                TimmCnns.build(
                                        "resnet",
                                        JsonParser.parseString(
                                                        "{\"block\":\"Bottleneck\",\"layers\":[1,1,1,1],\"stem_type\":\"deep\"}")
                                                .getAsJsonObject()));
        assertTrue(e.getMessage().contains("[stem_type]"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                TimmCnns.build(
                                        "resnet",
                                        JsonParser.parseString(
                                                        "{\"block\":\"BasicBlock\",\"layers\":[2,2,2,2]}")
                                                .getAsJsonObject()));
        assertTrue(e.getMessage().contains("BasicBlock"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                TimmCnns.build(
                                        "efficientnet",
                                        JsonParser.parseString("{\"variant\":\"efficientnet_b7\"}")
                                                .getAsJsonObject()));
        assertTrue(e.getMessage().contains("efficientnet_b7"), e.getMessage());
    }

    @Test
    void variantsCarryTheirPretrainedResolution() {
        int[] sizes = new int[4];
        for (int i = 0; i < 4; i++) {
            sizes[i] =
                    org.ivit.model.efficientnet.EfficientNetConfig.preset("efficientnet_b" + i)
                            .pretrainedImageSize();
        }
        assertArrayEquals(new int[] {224, 240, 256, 288}, sizes);
    }
}
