package org.ivit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ivit.model.TimmReference.KeyManifest;
import org.ivit.model.cait.Cait;
import org.ivit.model.cait.CaitConfig;
import org.ivit.model.deit.Deit;
import org.ivit.model.deit.DeitConfig;
import org.ivit.model.pit.Pit;
import org.ivit.model.pit.PitConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The full-size transformers against timm's key manifests (reference/timm/keys/): the strict loader
 * of each accepts exactly timm's state_dict names and shapes, and the parameter count is timm's.
 * The models get their shapes only (uninitialised arrays), so no full-size weights are written.
 */
class TransformerKeyManifestTest {

    private static AbstractBlock fullSize(String model) {
        return switch (model) {
            case "vit_base_patch16_224" ->
                    new VisionTransformer(VitFamily.VIT_BASE_PATCH16_224_CONFIG);
            case "deit_base_patch16_224" -> new Deit(DeitConfig.deitBasePatch16_224());
            case "deit_base_distilled_patch16_224" ->
                    new Deit(DeitConfig.deitBaseDistilledPatch16_224());
            case "cait_s24_224" -> new Cait(CaitConfig.caitS24_224());
            case "pit_b_224" -> new Pit(PitConfig.pitB224());
            default -> throw new IllegalArgumentException(model);
        };
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "vit_base_patch16_224",
                "deit_base_patch16_224",
                "deit_base_distilled_patch16_224",
                "cait_s24_224",
                "pit_b_224"
            })
    void strictLoaderAcceptsExactlyTimmsKeysAndShapes(String name) throws IOException {
        KeyManifest manifest = KeyManifest.read(name);
        long rssBefore = residentKb();
        try (NDManager manager = NDManager.newBaseManager()) {
            AbstractBlock block = fullSize(name);
            TimmReference.initializeShapesOnly(block, manager, new Shape(1, 3, 224, 224));
            Map<String, Parameter> parameters = ((NamedParameters) block).namedParameters();
            List<String> accepted = new StrictWeightLoader().check(manifest, parameters);
            assertEquals(manifest.shapes().keySet(), new java.util.LinkedHashSet<>(accepted), name);
            assertEquals(
                    new TreeSet<>(manifest.shapes().keySet()),
                    new TreeSet<>(parameters.keySet()),
                    name);
            long count = TimmReference.parameterCount(parameters);
            System.out.printf(
                    "key manifest %s: %d tensors accepted, %d parameters (timm %d, %.2f M), resident memory +%d MB%n",
                    name,
                    accepted.size(),
                    count,
                    manifest.parameters(),
                    count / 1e6,
                    (residentKb() - rssBefore) / 1024);
            assertEquals(manifest.parameters(), count, name + ": parameter count");
        }
    }

    /** A full-size checkpoint of the other DeiT variant is refused with every difference listed. */
    @Test
    void aManifestOfAnotherVariantIsRefusedInFull() throws IOException {
        KeyManifest plain = KeyManifest.read("deit_base_patch16_224");
        try (NDManager manager = NDManager.newBaseManager()) {
            Deit distilled = new Deit(DeitConfig.deitBaseDistilledPatch16_224());
            TimmReference.initializeShapesOnly(distilled, manager, new Shape(1, 3, 224, 224));
            WeightMismatchException e =
                    assertThrows(
                            WeightMismatchException.class,
                            () ->
                                    new StrictWeightLoader()
                                            .check(plain, distilled.namedParameters()));
            assertEquals(
                    List.of("dist_token", "head_dist.bias", "head_dist.weight"),
                    e.missing().stream().sorted().toList(),
                    e.getMessage());
            assertTrue(e.unexpected().isEmpty(), e.getMessage());
            assertEquals(
                    List.of("pos_embed: checkpoint [1, 197, 768], model [1, 198, 768]"),
                    e.shapeMismatches(),
                    e.getMessage());
        }
    }

    private static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not on Linux: the figure is only printed
        }
        return 0;
    }
}
