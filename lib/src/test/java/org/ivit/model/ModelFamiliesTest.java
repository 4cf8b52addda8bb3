package org.ivit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.ivit.backbone.Backbones;
import org.ivit.io.TimmCheckpoint;
import org.ivit.runs.QuickBackbone;
import org.junit.jupiter.api.Test;

/**
 * The family registrations ({@link ModelFamily}, one file per family) describe the same networks
 * and checkpoints the library had before they were split out of one list: the ViT configs written
 * by named fields equal the former positional ones, the catalogue keeps its names and order, and a
 * registered variant creates and loads a checkpoint through its one {@code create} and {@code
 * loadPretrained}.
 */
class ModelFamiliesTest {

    @Test
    void theNamedVitConfigsAreTheFormerPositionalOnes() {
        // (image, patch, channels, depth, heads, width, mlp, classes, eps) as VitConfig held them
        // before
        assertEquals(
                new VitConfig(224, 16, 3, 12, 12, 768, 3072, 1000, 1e-6f),
                VitFamily.VIT_BASE_PATCH16_224_CONFIG);
        assertEquals(new VitConfig(32, 8, 3, 6, 4, 128, 512, 10, 1e-6f), VitFamily.QUICK_CONFIG);
        assertEquals(new VitConfig(32, 4, 3, 4, 3, 192, 768, 10, 1e-6f), VitFamily.TINY_CONFIG);
        assertEquals(
                new VitConfig(64, 16, 3, 12, 12, 768, 3072, 7, 1e-6f),
                VitFamily.config("vit_base_patch16_224", 7, 64));
        IllegalStateException missing =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                VitConfig.builder()
                                        .imgSize(32)
                                        .patchSize(8)
                                        .depth(1)
                                        .numHeads(2)
                                        .embedDim(32)
                                        .numClasses(3)
                                        .build());
        assertTrue(missing.getMessage().contains("mlpRatio or mlpWidth"), missing.getMessage());
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> VitFamily.config("vit_huge"));
        assertTrue(
                unknown.getMessage().contains("'vit_huge'")
                        && unknown.getMessage().contains("quick"),
                unknown.getMessage());
    }

    @Test
    void theCatalogueKeepsItsNamesAndOrder() {
        assertEquals(
                List.of(
                        "vit_base_patch16_224.augreg_in21k_ft_in1k",
                        "deit_base_patch16_224.fb_in1k",
                        "cait_s24_224.fb_dist_in1k",
                        "pit_b_224.in1k",
                        "resnet50.ram_in1k",
                        "resnet101.tv_in1k",
                        "resnet152.tv_in1k",
                        "efficientnet_b0.ra_in1k",
                        "efficientnet_b1.ft_in1k",
                        "efficientnet_b2.ra_in1k",
                        "efficientnet_b3.ra2_in1k",
                        "deit_base_distilled_patch16_224.fb_in1k"),
                ModelFamilies.checkpoints().stream().map(TimmCheckpoint::name).toList());
        assertEquals(
                "resnet101.tv_in1k",
                ModelFamilies.findCheckpoint("resnet-101").orElseThrow().name());
        assertTrue(ModelFamilies.findCheckpoint("resnet18").isEmpty());
        // every built-in variant is a registered backbone under its own id, and ids are unique
        List<String> ids = ModelFamilies.variants().stream().map(ModelVariant::id).toList();
        assertEquals(ids.size(), new TreeSet<>(ids).size(), ids.toString());
        ids.forEach(id -> assertEquals(id, Backbones.get(id).id()));
        assertEquals(
                List.of("deit", "deit-distilled", "cait", "pit", "resnet", "efficientnet"),
                ModelFamilies.architectures());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ModelFamilies.fromTimmArgs(
                                        "convnext", new com.google.gson.JsonObject()));
        assertTrue(
                e.getMessage().contains("'convnext'") && e.getMessage().contains("efficientnet"),
                e.getMessage());
    }

    /**
     * The committed quick backbone (10 Fashion-MNIST classes) loads strictly into the registered
     * quick ViT.
     */
    @Test
    void aVariantCreatesItsNetworkAndLoadsItsPretrainedWeights() throws Exception {
        Path weights = QuickBackbone.committedRecord().resolve(QuickBackbone.FILE_NAME);
        ModelVariant quick = Backbones.get("quick");
        try (Model model = quick.newModel(10, 32, 5)) {
            TimmClassifier network = (TimmClassifier) model.getBlock();
            int parameters = network.namedParameters().size();
            assertEquals(
                    parameters,
                    quick.loadPretrained(network, weights).size(),
                    "every tensor, head included");
        }
        try (Model model = quick.newModel(4, 32, 5)) {
            TimmClassifier network = (TimmClassifier) model.getBlock();
            List<String> loaded = quick.loadPretrained(network, weights);
            assertEquals(
                    network.namedParameters().size() - 2,
                    loaded.size(),
                    "all but the 4-class head: " + loaded);
            assertTrue(loaded.stream().noneMatch(n -> n.startsWith("head.")), loaded.toString());
        }
        assertThrows(
                WeightMismatchException.class,
                () -> {
                    try (Model model = Backbones.get("tiny").newModel(10, 32, 5)) {
                        Backbones.get("tiny")
                                .loadPretrained((TimmClassifier) model.getBlock(), weights);
                    }
                },
                "a checkpoint of another architecture is refused");
    }
}
