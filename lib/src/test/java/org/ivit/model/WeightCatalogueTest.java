package org.ivit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.ivit.io.PretrainedConfig;
import org.ivit.io.TimmCheckpoint;
import org.ivit.io.WeightRepository;
import org.ivit.model.efficientnet.EfficientNetFamily;
import org.ivit.model.resnet.ResNetFamily;
import org.junit.jupiter.api.Test;

/**
 * The weights catalogue: ids, name resolution, and the pretrained configs against the vendored timm
 * key manifests.
 */
class WeightCatalogueTest {
    /**
     * Hugging Face's rule for a repository id: owner/name, letters, digits, '-', '_', '.', no '--'
     * or '..', at most 96 characters.
     */
    private static final Pattern HF_ID =
            Pattern.compile(
                    "[A-Za-z0-9](?:[A-Za-z0-9]|[-_.](?![-_.]))*/[A-Za-z0-9](?:[A-Za-z0-9]|[-_.](?![-_.]))*");

    private static final Path KEYS = Path.of("src/test/resources/reference/timm/keys");

    @Test
    void everyCatalogueEntryIsAValidRepositoryIdFetchingOnlySafetensorsAndJson() {
        assertEquals(2 + 11 + 1, WeightCatalogue.CATALOGUE.size());
        assertEquals(ModelFamilies.table1Checkpoints(), ModelFamilies.checkpoints().subList(0, 11));
        Set<String> ids = new TreeSet<>();
        for (WeightRepository r : WeightCatalogue.CATALOGUE) {
            assertTrue(HF_ID.matcher(r.repo()).matches() && r.repo().length() <= 96, r.repo());
            assertTrue(ids.add(r.repo()), "twice: " + r.repo());
            assertTrue(r.files().contains("model.safetensors"), r.toString());
            assertTrue(
                    r.files().stream()
                            .allMatch(f -> f.endsWith(".safetensors") || f.endsWith(".json")),
                    r.toString());
        }
        for (TimmCheckpoint c : ModelFamilies.checkpoints()) {
            assertEquals("timm/" + c.architecture() + "." + c.tag(), c.hfHubId());
            assertEquals(List.of("config.json", "model.safetensors"), c.repository().files());
            assertFalse(c.why().isBlank(), c.name());
        }
        assertEquals(
                "timm/vit_base_patch16_224.augreg_in21k_ft_in1k", WeightCatalogue.VIT_B16.repo());
        assertEquals(
                List.of(
                        WeightRepository.CLIP_VIT_B32,
                        WeightRepository.CLIP_VIT_B16,
                        WeightCatalogue.VIT_B16),
                WeightCatalogue.KNOWN,
                "the default selection stays the three Instruction-ViT models");
    }

    @Test
    void theTable1RowsAreCoveredInOrder() {
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
                        "efficientnet_b3"),
                ModelFamilies.table1Checkpoints().stream()
                        .map(TimmCheckpoint::architecture)
                        .toList());
    }

    @Test
    void everyNameResolvesToExactlyItsOwnEntry() {
        Map<String, String> owner = new HashMap<>();
        for (TimmCheckpoint c : ModelFamilies.checkpoints()) {
            for (String name : List.of(c.architecture(), c.alias(), c.name(), c.hfHubId())) {
                assertEquals(c.repository(), WeightCatalogue.parse(name), name);
                assertSame(c, ModelFamilies.findCheckpoint(name).orElseThrow(), name);
                assertEquals(
                        1,
                        ModelFamilies.checkpoints().stream().filter(o -> o.answersTo(name)).count(),
                        name);
                String before = owner.put(name, c.name());
                assertTrue(
                        before == null || before.equals(c.name()),
                        name + " names " + before + " and " + c.name());
            }
        }
        for (WeightRepository clip :
                List.of(WeightRepository.CLIP_VIT_B32, WeightRepository.CLIP_VIT_B16)) {
            assertSame(clip, WeightCatalogue.parse(clip.alias()));
            assertSame(clip, WeightCatalogue.parse(clip.repo()));
            assertTrue(owner.put(clip.alias(), clip.repo()) == null, clip.alias());
        }
        assertEquals(
                List.of(
                        ResNetFamily.RESNET50_RAM_IN1K.repository(),
                        EfficientNetFamily.EFFICIENTNET_B0_RA_IN1K.repository()),
                WeightCatalogue.parseAll(List.of("resnet50", " efficientnet-b0", "resnet-50")),
                "in order, each once");
    }

    @Test
    void anUnknownNameIsAnErrorListingTheKnownOnes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> WeightCatalogue.parse("resnet5"));
        assertTrue(e.getMessage().contains("unknown model 'resnet5'"), e.getMessage());
        for (String name : WeightCatalogue.knownNames()) {
            assertTrue(e.getMessage().contains(name), name + " missing from: " + e.getMessage());
        }
        assertEquals(2 + 2 * 12, WeightCatalogue.knownNames().size());
        // an explicit owner/name outside the catalogue is still allowed, with the timm/plain file
        // list
        assertEquals(
                List.of("config.json", "model.safetensors"),
                WeightCatalogue.parse("timm/resnet50.a1_in1k").files());
    }

    @Test
    void pretrainedConfigsAgreeWithTheKeyManifestsWhereTheTagIsTimmsDefault() throws IOException {
        List<String> compared = new ArrayList<>();
        for (TimmCheckpoint c : ModelFamilies.checkpoints()) {
            Path file = KEYS.resolve(c.architecture() + ".json");
            assertTrue(
                    Files.isRegularFile(file),
                    "no key manifest for " + c.architecture() + " at " + file.toAbsolutePath());
            JsonObject manifest = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            JsonObject cfg = manifest.getAsJsonObject("default_pretrained_cfg");
            assertEquals(
                    c.pretrainedCfg().numClasses(),
                    manifest.get("num_classes").getAsInt(),
                    c.name());
            if (!cfg.get("tag").getAsString().equals(c.tag())) {
                continue;
            }
            assertEquals(c.hfHubId(), cfg.get("hf_hub_id").getAsString());
            PretrainedConfig p = c.pretrainedCfg();
            assertEquals(p.inputSize(), ints(cfg.getAsJsonArray("input_size")), c.name());
            assertEquals(
                    p.testInputSize(),
                    cfg.has("test_input_size") ? ints(cfg.getAsJsonArray("test_input_size")) : null,
                    c.name());
            assertEquals(p.cropPct(), cfg.get("crop_pct").getAsDouble(), 0.0, c.name());
            assertEquals(p.interpolation(), cfg.get("interpolation").getAsString(), c.name());
            assertEquals(p.mean(), doubles(cfg.getAsJsonArray("mean")), c.name());
            assertEquals(p.std(), doubles(cfg.getAsJsonArray("std")), c.name());
            assertEquals(p.numClasses(), cfg.get("num_classes").getAsInt(), c.name());
            compared.add(c.architecture());
        }
        // the others use an older tag than timm's current default (the weights timm 0.4.12 loaded);
        // see TimmCheckpoint
        assertEquals(
                List.of(
                        "deit_base_patch16_224",
                        "cait_s24_224",
                        "pit_b_224",
                        "efficientnet_b0",
                        "efficientnet_b2",
                        "efficientnet_b3",
                        "deit_base_distilled_patch16_224"),
                compared);
    }

    @Test
    void theConfigSummaryNamesEveryField() {
        String s = ResNetFamily.RESNET50_RAM_IN1K.pretrainedCfg().summary();
        assertEquals(
                "224x224 crop 0.875 bicubic mean [0.485, 0.456, 0.406] std [0.229, 0.224, 0.225], 1000 classes"
                        + " (test 288x288 crop 0.95)",
                s);
        assertNotNull(EfficientNetFamily.EFFICIENTNET_B3_RA2_IN1K.pretrainedCfg().testCropPct());
        assertEquals(288, EfficientNetFamily.EFFICIENTNET_B3_RA2_IN1K.pretrainedCfg().resolution());
    }

    @Test
    void timmsConfigJsonIsComparedWithTheCatalogue() {
        String config =
                """
                {"architecture": "resnet50", "num_classes": 1000, "num_features": 2048, "global_pool": "avg",
                 "pretrained_cfg": {"tag": "ram_in1k", "custom_load": false, "input_size": [3, 224, 224],
                  "test_input_size": [3, 288, 288], "fixed_input_size": false, "interpolation": "bicubic",
                  "crop_pct": 0.875, "test_crop_pct": 0.95, "crop_mode": "center", "mean": [0.485, 0.456, 0.406],
                  "std": [0.229, 0.224, 0.225], "num_classes": 1000, "pool_size": [7, 7], "first_conv": "conv1",
                  "classifier": "fc"}}""";
        assertEquals(List.of(), ResNetFamily.RESNET50_RAM_IN1K.configDisagreements(config));
        assertEquals(
                List.of(),
                ResNetFamily.RESNET50_RAM_IN1K.configDisagreements(
                        "{\"architecture\": \"resnet50\"}"),
                "absent fields");
        List<String> off =
                ResNetFamily.RESNET50_RAM_IN1K.configDisagreements(
                        config.replace("0.875", "0.95").replace("bicubic", "bilinear"));
        assertEquals(2, off.size(), off::toString);
        assertTrue(
                off.get(0).startsWith("crop_pct 0.95 (catalogue: 0.875)")
                        && off.get(1).startsWith("interpolation"),
                off::toString);
        assertEquals(
                3,
                ResNetFamily.RESNET101_TV_IN1K.configDisagreements(config).size(),
                "architecture, tag, interpolation");
    }

    private static List<Integer> ints(JsonArray a) {
        List<Integer> out = new ArrayList<>();
        for (JsonElement e : a) {
            out.add(e.getAsInt());
        }
        return out;
    }

    private static List<Double> doubles(JsonArray a) {
        List<Double> out = new ArrayList<>();
        for (JsonElement e : a) {
            out.add(e.getAsDouble());
        }
        return out;
    }
}
