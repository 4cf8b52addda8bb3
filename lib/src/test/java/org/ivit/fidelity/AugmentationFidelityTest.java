package org.ivit.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ivit.data.augment.ImagePipeline;
import org.ivit.data.augment.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package's augmentation ops and JPEG decoding against torchvision 0.14 / Pillow 9.4 / timm /
 * libjpeg-turbo outputs (test resources reference/training, augment-*): one test per op family,
 * each checking how many cases it covered, that every one stays within its tolerance, and that the
 * tolerance is the one documented in {@link AugmentationFidelity}.
 */
class AugmentationFidelityTest {
    private static Path references;
    private static List<Comparison> all;

    @BeforeAll
    static void compare() throws URISyntaxException {
        references =
                Path.of(
                                AugmentationFidelityTest.class
                                        .getResource("/reference/training/augment.json")
                                        .toURI())
                        .getParent();
        all = AugmentationFidelity.compare(references);
    }

    private static List<Comparison> starting(String prefix) {
        return all.stream().filter(c -> c.subject().startsWith(prefix)).toList();
    }

    private static void allPass(List<Comparison> family, int expectedCount, double tolerance) {
        assertEquals(expectedCount, family.size(), "cases compared");
        String failed =
                family.stream()
                        .filter(c -> !c.passed())
                        .map(
                                c ->
                                        c.subject()
                                                + ": "
                                                + c.largest()
                                                + " > "
                                                + c.tolerance()
                                                + " ("
                                                + c.quantity()
                                                + ")")
                        .collect(Collectors.joining("\n"));
        assertTrue(failed.isEmpty(), failed);
        for (Comparison c : family) {
            assertEquals(tolerance, c.tolerance(), c.subject());
        }
    }

    /** 14 ops on 3 images, the 9 signed ones at +m and -m: 69 outputs, all bit-exact. */
    @Test
    void randAugmentOpsAreBitExact() {
        allPass(starting("randaugment image"), 69, AugmentationFidelity.RANDAUGMENT_LEVELS);
    }

    @Test
    void randAugmentMagnitudesAreTorchvisionsLinspace() {
        allPass(starting("randaugment magnitude"), 42, AugmentationFidelity.MAGNITUDE_RELATIVE);
    }

    /**
     * Two boxes per image at 32 and 64: Pillow's antialiased bilinear resize, reproduced exactly.
     */
    @Test
    void resizedCropsAreBitExact() {
        allPass(starting("crop "), 12, AugmentationFidelity.GEOMETRY_LEVELS);
    }

    @Test
    void horizontalFlipIsExact() {
        allPass(starting("flip "), 3, AugmentationFidelity.GEOMETRY_LEVELS);
    }

    /**
     * timm's eval transform (bicubic short-side resize to floor(s / crop_pct), centre crop rounded
     * half to even).
     */
    @Test
    void timmEvalResizeAndCropAreBitExact() {
        List<Comparison> timm =
                all.stream()
                        .filter(
                                c ->
                                        c.subject().startsWith("eval ")
                                                && c.subject().contains(".timm"))
                        .toList();
        allPass(
                timm.stream()
                        .filter(
                                c ->
                                        c.subject().endsWith(".crop")
                                                || c.subject().endsWith("offsets"))
                        .toList(),
                12,
                AugmentationFidelity.GEOMETRY_LEVELS);
    }

    /** CLIP's eval (crop_pct 1) through the training pipeline and through ClipImagePreprocessor. */
    @Test
    void clipEvalResizeAndCropAreBitExactOnBothPaths() {
        List<Comparison> clip =
                all.stream()
                        .filter(
                                c ->
                                        c.subject().contains(".clip64.crop")
                                                || c.subject().contains(".clip64 "))
                        .toList();
        allPass(clip, 9, AugmentationFidelity.GEOMETRY_LEVELS);
        allPass(
                starting("clip-preprocessor").stream()
                        .filter(c -> c.subject().endsWith(".clip"))
                        .toList(),
                3,
                AugmentationFidelity.NORMALISED);
    }

    @Test
    void normalisationMatchesTorchvisionToFloat32Rounding() {
        allPass(
                all.stream()
                        .filter(
                                c ->
                                        c.subject().startsWith("eval ")
                                                && (c.subject().endsWith(".imagenet")
                                                        || c.subject().endsWith(".clip")))
                        .toList(),
                9,
                AugmentationFidelity.NORMALISED);
        allPass(starting("normalisation constants"), 2, 0);
    }

    /**
     * Mixup, CutMix (inside and clipped at the border) and no mixing, with timm's recorded lambda,
     * box and mode.
     */
    @Test
    void mixupCutmixAndNoneMixAsTimm() {
        allPass(
                all.stream()
                        .filter(
                                c ->
                                        c.subject().startsWith("mixup ")
                                                && c.subject().endsWith(" images"))
                        .toList(),
                4,
                AugmentationFidelity.MIXED_IMAGES);
        allPass(
                all.stream()
                        .filter(
                                c ->
                                        c.subject().startsWith("mixup ")
                                                && c.subject().endsWith(" targets"))
                        .toList(),
                4,
                AugmentationFidelity.MIXED_TARGETS);
        allPass(
                all.stream()
                        .filter(
                                c ->
                                        c.subject().startsWith("mixup ")
                                                && c.subject().endsWith(" lambda"))
                        .toList(),
                4,
                AugmentationFidelity.LAMBDA);
        allPass(
                all.stream()
                        .filter(
                                c ->
                                        c.subject().startsWith("mixup ")
                                                && c.subject().contains(" box "))
                        .toList(),
                2,
                0);
    }

    /**
     * Baseline, progressive, greyscale and Adobe CMYK JPEGs of 3 images, against Pillow's
     * convert('RGB').
     */
    @Test
    void jpegVariantsDecodeAsPillow() {
        allPass(starting("jpeg "), 12, AugmentationFidelity.JPEG_LEVELS);
        for (Comparison c : starting("jpeg ")) {
            assertTrue(c.quantity().matches("levels; \\d+ of \\d+ pixels differ"), c.quantity());
        }
    }

    /**
     * The comparison can fail: centre crops with floor offsets, as the CLIP path had them, differ
     * from torchvision's.
     */
    @Test
    void floorOffsetsWouldHaveFailed() {
        AugmentReferences refs = AugmentReferences.open(references);
        try (refs) {
            RgbImage image = refs.image(1);
            // clip64, image 1: resized to 87 x 64, margin 23: torchvision's round gives 12, floor
            // 11.
            RgbImage resized = image.resized(87, 64);
            RgbImage floor = resized.crop(11, 0, 64, 64);
            PixelDifference d =
                    PixelDifference.of(floor, refs.rgb("eval", "image1.clip64.crop"), "floor crop");
            assertTrue(d.largest() > 10 && d.differingPixels() > 1000, d.toString());
            RgbImage ours = ImagePipeline.eval(64, 1.0).apply(image, new Random(0));
            assertEquals(
                    0,
                    PixelDifference.of(ours, refs.rgb("eval", "image1.clip64.crop"), "ours")
                            .largest());
        }
    }

    /**
     * Boxes and magnitudes come from augment.json, not from the code: a copy of the folder whose
     * first crop box starts a row lower and whose image-0 Rotate magnitude is 10 instead of 9 fails
     * exactly those comparisons.
     */
    @Test
    void boxesAndMagnitudesAreReadFromTheFiles(@TempDir Path copy) throws Exception {
        try (Stream<Path> files = Files.list(references)) {
            for (Path f :
                    files.filter(f -> f.getFileName().toString().startsWith("augment")).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Path json = copy.resolve("augment.json");
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        JsonObject box = o.getAsJsonObject("crop").getAsJsonArray("boxes").get(0).getAsJsonObject();
        box.addProperty("top", box.get("top").getAsInt() + 1);
        o.getAsJsonObject("randaugment")
                .getAsJsonArray("images")
                .get(0)
                .getAsJsonObject()
                .getAsJsonObject("ops")
                .getAsJsonObject("Rotate")
                .addProperty("magnitude", 10.0);
        Files.writeString(json, o.toString());
        List<String> failed =
                AugmentationFidelity.compare(copy).stream()
                        .filter(c -> !c.passed())
                        .map(Comparison::subject)
                        .toList();
        String crop =
                "crop image"
                        + box.get("image").getAsInt()
                        + ".rrc"
                        + box.get("box").getAsInt()
                        + ".";
        assertEquals(
                List.of(
                        "randaugment magnitude image0 Rotate",
                        "randaugment image0.Rotate.pos",
                        "randaugment image0.Rotate.neg",
                        crop + "32",
                        crop + "64"),
                failed);
    }
}
