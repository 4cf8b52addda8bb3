package org.ivit.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.ivit.model.ModelVariant;
import org.ivit.model.StrictWeightLoader;
import org.ivit.model.TimmClassifier;
import org.ivit.model.TimmReference;
import org.ivit.model.TimmWeights;
import org.ivit.model.conv.TimmCheckpoints;
import org.ivit.model.resnet.ResNetFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Table 1 backbone as the registry builds it for a run (1000 classes, its checkpoint's
 * resolution) against timm's key manifest (vendored reference/timm/keys): the strict loader a run
 * uses accepts exactly the manifest's names, shapes and dtypes (BatchNorm buffers and int64
 * num_batches_tracked included), and the parameter count is the manifest's and the registry's.
 * Shapes only: no full-size weights are written.
 */
class BackboneRegistryKeyManifestTest {

    static Stream<String> table1() {
        return Backbones.table1().stream().map(ModelVariant::id);
    }

    @ParameterizedTest
    @MethodSource("table1")
    void theRegisteredModelTakesExactlyTimmsCheckpointKeys(String id) throws IOException {
        ModelVariant backbone = Backbones.get(id);
        TimmReference.KeyManifest manifest = TimmReference.KeyManifest.read(id);
        int size = backbone.preprocessing().orElseThrow().resolution();
        try (NDManager manager = NDManager.newBaseManager()) {
            TimmClassifier model = backbone.create(1000, size);
            TimmReference.initializeShapesOnly(
                    (AbstractBlock) model, manager, new Shape(1, 3, size, size));
            Map<String, Parameter> parameters = model.namedParameters();
            List<String> accepted =
                    new StrictWeightLoader()
                            .expecting(TimmWeights.expectations(model))
                            .check(manifest, parameters);
            Set<String> loaded = new TreeSet<>(manifest.names());
            loaded.removeIf(
                    n -> n.endsWith("num_batches_tracked")); // accepted, and unused (timm sets a
            // momentum)
            assertEquals(
                    loaded, new TreeSet<>(accepted), id + ": the tensors a strict load copies");
            long count = TimmCheckpoints.parameterCount(model);
            System.out.printf(
                    "registry %s: %d of %d manifest tensors loaded, %,d parameters (manifest %,d, registry %,d)%n",
                    id,
                    accepted.size(),
                    manifest.names().size(),
                    count,
                    manifest.parameters(),
                    backbone.timmParameters());
            assertEquals(manifest.parameters(), count, id + ": parameter count");
            assertEquals(
                    manifest.parameters(),
                    backbone.timmParameters(),
                    id + ": the registry's timm count");
        }
    }

    @Test
    void table1HasElevenBackbonesInTheTablesRowOrder() {
        assertEquals(
                List.of(
                        "ViT-B",
                        "DeiT-B",
                        "CaiT-S-24",
                        "PiT-B",
                        "ResNet-50",
                        "ResNet-101",
                        "ResNet-152",
                        "EfficientNet-B0",
                        "EfficientNet-B1",
                        "EfficientNet-B2",
                        "EfficientNet-B3"),
                Backbones.table1().stream().map(ModelVariant::paperRow).toList());
        // the built-in ones, then those of providers on the class path (the tests register one)
        assertEquals(
                List.of(
                        "vit_base_patch16_224",
                        "deit_base_patch16_224",
                        "cait_s24_224",
                        "pit_b_224",
                        "resnet50",
                        "resnet101",
                        "resnet152",
                        "efficientnet_b0",
                        "efficientnet_b1",
                        "efficientnet_b2",
                        "efficientnet_b3",
                        "quick",
                        "tiny",
                        TinyResNetProvider.ID),
                Backbones.ids());
        assertEquals(
                288, Backbones.get("efficientnet_b3").preprocessing().orElseThrow().resolution());
        assertEquals(
                "bilinear",
                Backbones.get("resnet101").preprocessing().orElseThrow().interpolation());
        assertTrue(Backbones.get("quick").preprocessing().isEmpty());
    }

    @Test
    void anUnknownOrTwiceRegisteredIdIsRefusedByName() {
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> Backbones.get("resnet18"));
        assertTrue(
                unknown.getMessage().contains("'resnet18'")
                        && unknown.getMessage().contains("efficientnet_b3"),
                unknown.getMessage());
        ModelVariant again = Backbones.get("resnet50");
        IllegalStateException twice =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                Backbones.index(
                                        List.of(
                                                new org.ivit.ServiceRegistry.Registration<>(
                                                        again, "org.ivit.backbone.Backbones"),
                                                new org.ivit.ServiceRegistry.Registration<>(
                                                        again, "com.example.MoreBackbones"))));
        assertEquals(
                "backbone 'resnet50' is registered twice: by org.ivit.backbone.Backbones and com.example.MoreBackbones",
                twice.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new ModelVariant(
                                "resnet50",
                                (c, s) -> null,
                                ResNetFamily.RESNET101_TV_IN1K,
                                "ResNet-50",
                                1));
    }
}
