package org.ivit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import java.nio.file.Path;
import org.ivit.model.conv.TimmCheckpoints;
import org.ivit.model.conv.TimmCnns;
import org.ivit.model.conv.VendoredTimm;
import org.ivit.model.pit.Pit;
import org.ivit.model.pit.PitConfig;
import org.ivit.model.resnet.ResNet;
import org.ivit.model.resnet.ResNetConfig;
import org.junit.jupiter.api.Test;

/**
 * One strict-loading mechanism with family-specific expectations: every timm family loads through
 * {@link StrictWeightLoader}, the CNNs with their BatchNorm expectations, and a checkpoint of
 * another model is refused in one error that names the file and every tensor that does not fit.
 */
class OneStrictLoaderTest {

    @Test
    void eachFamilyGetsItsExpectations() throws Exception {
        ResNet resnet = new ResNet(ResNetConfig.fromJson(VendoredTimm.file("resnet.json")));
        Pit pit = new Pit(PitConfig.fromTimmArgs(TimmReference.args("pit")));
        assertSame(TimmCheckpoints.BATCH_NORM_CNN, TimmWeights.expectations(resnet));
        assertSame(StrictWeightLoader.PARAMETERS, TimmWeights.expectations(pit));
    }

    @Test
    void aCnnLoadsTheSameThroughEitherEntry() throws Exception {
        Path weights = VendoredTimm.file("resnet.safetensors");
        ResNet a = new ResNet(ResNetConfig.fromJson(VendoredTimm.file("resnet.json")));
        ResNet b = new ResNet(ResNetConfig.fromJson(VendoredTimm.file("resnet.json")));
        try (Model ma = TimmCnns.create(a, 7, 3);
                Model mb = TimmCnns.create(b, 7, 3)) {
            assertEquals(
                    TimmCheckpoints.load(a, weights, false), TimmWeights.load(b, weights, false));
        }
    }

    @Test
    void aCheckpointOfAnotherModelIsRefusedNamingTheFileAndTensors() throws Exception {
        Path resnetWeights = VendoredTimm.file("resnet.safetensors");
        try (Model model = Pit.create(PitConfig.fromTimmArgs(TimmReference.args("pit")), 13)) {
            Pit pit = (Pit) model.getBlock();
            WeightMismatchException e =
                    assertThrows(
                            WeightMismatchException.class,
                            () -> TimmWeights.load(pit, resnetWeights, null));
            assertTrue(
                    e.getMessage()
                            .startsWith("weights in " + resnetWeights + " do not fit the model"),
                    e.getMessage());
            assertEquals(pit.namedParameters().size(), e.missing().size(), e.getMessage());
            assertTrue(
                    e.unexpected().contains("conv1.weight") && e.unexpected().contains("fc.weight"),
                    e.getMessage());
        }
        ResNet resnet = new ResNet(ResNetConfig.fromJson(VendoredTimm.file("resnet.json")));
        Path pitWeights = TimmReference.file("pit.safetensors");
        WeightMismatchException e =
                assertThrows(
                        WeightMismatchException.class,
                        () -> TimmCheckpoints.load(resnet, pitWeights, false));
        assertTrue(
                e.getMessage().contains(pitWeights.toString())
                        && e.missing().contains("conv1.weight"),
                e.getMessage());
        assertTrue(e.unexpected().contains("head.weight"), e.getMessage());
    }
}
