package org.ivit.fidelity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ivit.clip.ClipImagePreprocessor;
import org.ivit.data.ImageDecoder;
import org.ivit.data.UndecodableImageException;
import org.ivit.data.augment.CenterCrop;
import org.ivit.data.augment.ImagePipeline;
import org.ivit.data.augment.Interpolation;
import org.ivit.data.augment.MixedBatch;
import org.ivit.data.augment.MixupCutmix;
import org.ivit.data.augment.Normalization;
import org.ivit.data.augment.RandAugment;
import org.ivit.data.augment.RandomHorizontalFlip;
import org.ivit.data.augment.RandomResizedCrop;
import org.ivit.data.augment.ResizeShortSide;
import org.ivit.data.augment.RgbImage;

/**
 * Runs the package's own augmentation ops and JPEG decoding on the inputs of a reference folder
 * ({@code augment.json} and {@code augment-*.safetensors}, made with torchvision 0.14, Pillow 9.4,
 * timm and libjpeg-turbo) and compares each output with the reference's: one {@link Comparison} per
 * op, image and case. Sizes, magnitudes, boxes and Mixup draws all come from the folder.
 *
 * <p>Tolerances (measured on the reference set in brackets): 0 levels wherever the package follows
 * Pillow's integer arithmetic step by step (every RandAugment op, the bilinear and bicubic resizes,
 * crops, flips [0]); float outputs by float32 rounding of another operation order; decoded JPEGs by
 * one level, where another libjpeg build may round an IDCT or upsampling step otherwise [0]. Each
 * constant says why.
 */
public final class AugmentationFidelity {
    /** Nearest-pixel geometry and Pillow's integer colour ops, reproduced exactly [0 levels]. */
    static final double RANDAUGMENT_LEVELS = 0;

    /**
     * torchvision's magnitudes are float32 linspace values, the package's doubles: within 2 float32
     * ulps, relative [3.1e-8].
     */
    static final double MAGNITUDE_RELATIVE = 2.4e-7;

    /**
     * Pillow's fixed-point resampling (22-bit weights, rounding after each pass), crops and flips:
     * exact [0 levels].
     */
    static final double GEOMETRY_LEVELS = 0;

    /**
     * v/255 normalised by (mean, std) in float32: torchvision computes (v/255 − mean)/std, the
     * training path ({@code RgbImage.toChw}) v·(1/(255·std)) − mean/std, which rounds otherwise: at
     * most 2 ulps of values up to about 2.7 (ulp 2.4e-7) [4.8e-7; CLIP's path, which uses
     * torchvision's order, 0].
     */
    static final double NORMALISED = 1e-6;

    /**
     * Mixup's float32 blend x·λ + flip(x)·(1−λ), the same two float32 operations as timm: 1 ulp of
     * |x| &lt; 4 [0].
     */
    static final double MIXED_IMAGES = 5e-7;

    /**
     * Soft targets, computed in double and rounded once, timm's in float32: 1 ulp of values up to 1
     * [6.0e-8].
     */
    static final double MIXED_TARGETS = 1.2e-7;

    /** The corrected CutMix lambda is the same double expression as timm's [0]. */
    static final double LAMBDA = 0;

    /**
     * JPEG decoding: ImageIO's libjpeg vs libjpeg-turbo 2.1.5, both integer IDCT with fancy
     * upsampling [0 levels].
     */
    static final double JPEG_LEVELS = 1;

    private static final Map<String, RandAugment.Op> TORCHVISION_OPS =
            Map.ofEntries(
                    Map.entry("Identity", RandAugment.Op.IDENTITY),
                            Map.entry("ShearX", RandAugment.Op.SHEAR_X),
                    Map.entry("ShearY", RandAugment.Op.SHEAR_Y),
                            Map.entry("TranslateX", RandAugment.Op.TRANSLATE_X),
                    Map.entry("TranslateY", RandAugment.Op.TRANSLATE_Y),
                            Map.entry("Rotate", RandAugment.Op.ROTATE),
                    Map.entry("Brightness", RandAugment.Op.BRIGHTNESS),
                            Map.entry("Color", RandAugment.Op.COLOR),
                    Map.entry("Contrast", RandAugment.Op.CONTRAST),
                            Map.entry("Sharpness", RandAugment.Op.SHARPNESS),
                    Map.entry("Posterize", RandAugment.Op.POSTERIZE),
                            Map.entry("Solarize", RandAugment.Op.SOLARIZE),
                    Map.entry("AutoContrast", RandAugment.Op.AUTO_CONTRAST),
                            Map.entry("Equalize", RandAugment.Op.EQUALIZE));

    private AugmentationFidelity() {}

    /** Every comparison, in the order randaugment, crop and flip, eval, mixup, jpeg. */
    public static List<Comparison> compare(Path referencesDir) {
        List<Comparison> out = new ArrayList<>();
        try (AugmentReferences refs = AugmentReferences.open(referencesDir);
                NDManager manager = NDManager.newBaseManager()) {
            randAugment(refs, out);
            crops(refs, out);
            eval(refs, manager, out);
            mixup(refs, manager, out);
            jpeg(refs, out);
        }
        return out;
    }

    private static void randAugment(AugmentReferences refs, List<Comparison> out) {
        JsonObject section = refs.section("randaugment");
        RandAugment randAugment =
                new RandAugment(
                        1,
                        section.get("magnitude_bin").getAsInt(),
                        section.get("num_bins").getAsInt());
        for (JsonElement e : section.getAsJsonArray("images")) {
            JsonObject entry = e.getAsJsonObject();
            int index = entry.get("image").getAsInt();
            RgbImage image = refs.image(index);
            for (Map.Entry<String, JsonElement> opEntry : entry.getAsJsonObject("ops").entrySet()) {
                String name = opEntry.getKey();
                RandAugment.Op op = TORCHVISION_OPS.get(name);
                if (op == null) {
                    throw new IllegalArgumentException(
                            "augment.json names RandAugment op '"
                                    + name
                                    + "', which the package lacks");
                }
                JsonObject o = opEntry.getValue().getAsJsonObject();
                double magnitude = o.get("magnitude").getAsDouble();
                double ours = randAugment.magnitudeOf(op, image.width(), image.height());
                out.add(
                        new Comparison(
                                "randaugment magnitude image" + index + " " + name,
                                "relative difference",
                                Math.abs(ours - magnitude) / Math.max(1.0, Math.abs(magnitude)),
                                MAGNITUDE_RELATIVE));
                String tensor = "image" + index + "." + name;
                if (o.get("signed").getAsBoolean()) {
                    opCase(refs, image, op, magnitude, tensor + ".pos", out);
                    opCase(refs, image, op, -magnitude, tensor + ".neg", out);
                } else {
                    opCase(refs, image, op, magnitude, tensor, out);
                }
            }
        }
    }

    private static void opCase(
            AugmentReferences refs,
            RgbImage image,
            RandAugment.Op op,
            double magnitude,
            String tensor,
            List<Comparison> out) {
        RgbImage ours = RandAugment.apply(op, image, magnitude);
        out.add(
                levels(
                        "randaugment " + tensor,
                        PixelDifference.of(ours, refs.rgb("randaugment", tensor), tensor),
                        RANDAUGMENT_LEVELS));
    }

    private static void crops(AugmentReferences refs, List<Comparison> out) {
        JsonObject section = refs.section("crop");
        Interpolation interpolation =
                Interpolation.valueOf(section.get("interpolation").getAsString());
        for (JsonElement e : section.getAsJsonArray("boxes")) {
            JsonObject b = e.getAsJsonObject();
            int index = b.get("image").getAsInt();
            RgbImage image = refs.image(index);
            RandomResizedCrop.Box box =
                    new RandomResizedCrop.Box(
                            b.get("top").getAsInt(),
                            b.get("left").getAsInt(),
                            b.get("height").getAsInt(),
                            b.get("width").getAsInt());
            for (JsonElement s : section.getAsJsonArray("sizes")) {
                int size = s.getAsInt();
                RandomResizedCrop crop =
                        new RandomResizedCrop(size, 0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0, interpolation);
                String tensor = "image" + index + ".rrc" + b.get("box").getAsInt() + "." + size;
                out.add(
                        levels(
                                "crop " + tensor,
                                PixelDifference.of(
                                        crop.apply(image, box), refs.rgb("crop", tensor), tensor),
                                GEOMETRY_LEVELS));
            }
        }
        for (JsonElement e : refs.section("source").getAsJsonArray("images")) {
            int index = e.getAsJsonObject().get("index").getAsInt();
            String tensor = "image" + index + ".hflip";
            // RandomHorizontalFlip(p = 1) always flips, whatever the generator.
            RgbImage ours = new RandomHorizontalFlip(1.0).apply(refs.image(index), new Random(0));
            out.add(
                    levels(
                            "flip " + tensor,
                            PixelDifference.of(ours, refs.rgb("crop", tensor), tensor),
                            GEOMETRY_LEVELS));
        }
    }

    private static void eval(AugmentReferences refs, NDManager manager, List<Comparison> out) {
        JsonObject section = refs.section("eval");
        Interpolation interpolation =
                Interpolation.valueOf(section.get("interpolation").getAsString());
        JsonObject norms = section.getAsJsonObject("norms");
        for (Map.Entry<String, JsonElement> n : norms.entrySet()) {
            if (Normalization.NAMES.contains(n.getKey())) {
                Normalization preset = Normalization.named(n.getKey());
                Normalization recorded = normalization(n.getValue().getAsJsonArray());
                double largest = 0;
                for (int c = 0; c < 3; c++) {
                    largest = Math.max(largest, Math.abs(preset.mean()[c] - recorded.mean()[c]));
                    largest = Math.max(largest, Math.abs(preset.std()[c] - recorded.std()[c]));
                }
                out.add(
                        new Comparison(
                                "normalisation constants " + n.getKey(),
                                "largest float32 difference of mean, std",
                                largest,
                                0));
            }
        }
        for (JsonElement e : section.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String name = c.get("name").getAsString();
            int size = c.get("size").getAsInt();
            double cropPct = c.get("crop_pct").getAsDouble();
            ImagePipeline pipeline = ImagePipeline.eval(size, cropPct, interpolation);
            for (JsonElement k : section.getAsJsonArray("crops")) {
                JsonObject crop = k.getAsJsonObject();
                if (!crop.get("case").getAsString().equals(name)) {
                    continue;
                }
                int index = crop.get("image").getAsInt();
                RgbImage image = refs.image(index);
                String prefix = "image" + index + "." + name;
                RgbImage resized =
                        new ResizeShortSide((int) Math.floor(size / cropPct), interpolation)
                                .apply(image, new Random(0));
                int[] ourGeometry = {
                    resized.width(),
                    resized.height(),
                    CenterCrop.offset(resized.height(), size),
                    CenterCrop.offset(resized.width(), size)
                };
                int[] theirs = {
                    crop.get("resized_width").getAsInt(),
                    crop.get("resized_height").getAsInt(),
                    crop.get("crop_top").getAsInt(),
                    crop.get("crop_left").getAsInt()
                };
                int geometry = 0;
                for (int i = 0; i < 4; i++) {
                    geometry = Math.max(geometry, Math.abs(ourGeometry[i] - theirs[i]));
                }
                out.add(
                        new Comparison(
                                "eval " + prefix + " resized size and crop offsets",
                                "pixels",
                                geometry,
                                0));
                RgbImage ours = pipeline.apply(image, new Random(0));
                RgbImage reference = refs.rgb("eval", prefix + ".crop");
                out.add(
                        levels(
                                "eval " + prefix + ".crop",
                                PixelDifference.of(ours, reference, prefix),
                                GEOMETRY_LEVELS));
                ClipImagePreprocessor clip =
                        cropPct == 1.0 ? new ClipImagePreprocessor(size) : null;
                if (clip != null) {
                    out.add(
                            levels(
                                    "clip-preprocessor " + prefix + ".crop",
                                    PixelDifference.of(clip.cropped(image), reference, prefix),
                                    GEOMETRY_LEVELS));
                }
                for (JsonElement normName : c.getAsJsonArray("norms")) {
                    String norm = normName.getAsString();
                    String tensor = prefix + "." + norm;
                    float[] expected = refs.floats("eval", tensor);
                    Normalization normalization = normalization(norms.getAsJsonArray(norm));
                    out.add(
                            new Comparison(
                                    "eval " + tensor,
                                    "largest absolute difference",
                                    PixelDifference.largest(
                                            ours.toChw(normalization), expected, tensor),
                                    NORMALISED));
                    if (clip != null && norm.equals("clip")) {
                        try (NDManager sub = manager.newSubManager()) {
                            float[] pixels = clip.pixels(sub, image).toFloatArray();
                            out.add(
                                    new Comparison(
                                            "clip-preprocessor " + tensor,
                                            "largest absolute difference",
                                            PixelDifference.largest(pixels, expected, tensor),
                                            NORMALISED));
                        }
                    }
                }
            }
        }
    }

    private static Normalization normalization(JsonArray meanAndStd) {
        float[] mean = new float[3];
        float[] std = new float[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = meanAndStd.get(0).getAsJsonArray().get(c).getAsFloat();
            std[c] = meanAndStd.get(1).getAsJsonArray().get(c).getAsFloat();
        }
        return new Normalization(mean, std);
    }

    private static void mixup(AugmentReferences refs, NDManager manager, List<Comparison> out) {
        JsonObject section = refs.section("mixup");
        JsonObject args = section.getAsJsonObject("args");
        if (!args.get("mode").getAsString().equals("batch")
                || !args.get("correct_lam").getAsBoolean()
                || !args.get("cutmix_minmax").isJsonNull()) {
            throw new IllegalArgumentException(
                    "the package mixes as timm's mode 'batch' with correct_lam and no cutmix_minmax; "
                            + "augment.json asks for "
                            + args);
        }
        long[] shape = refs.shape("mixup", "mixup.input");
        float[] input = refs.floats("mixup", "mixup.input");
        long[] labels = refs.longs("mixup", "mixup.labels");
        for (Map.Entry<String, JsonElement> entry : section.getAsJsonObject("cases").entrySet()) {
            String name = entry.getKey();
            JsonObject c = entry.getValue().getAsJsonObject();
            MixupCutmix mixer =
                    new MixupCutmix(
                            new MixupCutmix.Config(
                                    args.get("mixup_alpha").getAsDouble(),
                                    args.get("cutmix_alpha").getAsDouble(),
                                    c.get("prob").getAsDouble(),
                                    args.get("switch_prob").getAsDouble(),
                                    args.get("label_smoothing").getAsDouble(),
                                    args.get("num_classes").getAsInt()));
            MixedBatch.Mode mode =
                    MixedBatch.Mode.valueOf(
                            c.get("mode").getAsString().toUpperCase(java.util.Locale.ROOT));
            double lambdaDrawn = c.get("lam_drawn").getAsDouble();
            MixedBatch.CutBox box = null;
            if (c.has("box") && !c.get("box").isJsonNull()) {
                JsonArray b = c.getAsJsonArray("box");
                box =
                        new MixedBatch.CutBox(
                                b.get(0).getAsInt(),
                                b.get(1).getAsInt(),
                                b.get(2).getAsInt(),
                                b.get(3).getAsInt());
                out.add(
                        new Comparison(
                                "mixup " + name + " box from lam_drawn",
                                "pixels off the nearest box rand_bbox gives",
                                boxDistance((int) shape[2], (int) shape[3], lambdaDrawn, box),
                                0));
            }
            try (NDManager sub = manager.newSubManager()) {
                NDArray images = sub.create(input, new Shape(shape));
                MixedBatch mixed = mixer.mix(images, sub.create(labels), mode, lambdaDrawn, box);
                String tensor = "mixup." + name;
                float[] expectedImages =
                        refs.has("mixup", tensor + ".images")
                                ? refs.floats("mixup", tensor + ".images")
                                : input;
                out.add(
                        new Comparison(
                                "mixup " + name + " images",
                                "largest absolute difference",
                                PixelDifference.largest(
                                        mixed.images().toFloatArray(),
                                        expectedImages,
                                        tensor + ".images"),
                                MIXED_IMAGES));
                out.add(
                        new Comparison(
                                "mixup " + name + " targets",
                                "largest absolute difference",
                                PixelDifference.largest(
                                        mixed.targets().toFloatArray(),
                                        refs.floats("mixup", tensor + ".targets"),
                                        tensor + ".targets"),
                                MIXED_TARGETS));
                out.add(
                        new Comparison(
                                "mixup " + name + " lambda",
                                "absolute difference",
                                Math.abs(mixed.lambda() - c.get("lam").getAsDouble()),
                                LAMBDA));
            }
        }
    }

    /**
     * How far the recorded CutMix box is from the nearest box the package's rand_bbox gives for the
     * drawn lambda over every possible centre (0: some centre gives exactly this box).
     */
    private static int boxDistance(int height, int width, double lambda, MixedBatch.CutBox box) {
        int best = Integer.MAX_VALUE;
        for (int cy = 0; cy < height; cy++) {
            for (int cx = 0; cx < width; cx++) {
                MixedBatch.CutBox ours = MixupCutmix.cutBox(height, width, lambda, cy, cx);
                int d =
                        Math.max(
                                Math.max(
                                        Math.abs(ours.top() - box.top()),
                                        Math.abs(ours.bottom() - box.bottom())),
                                Math.max(
                                        Math.abs(ours.left() - box.left()),
                                        Math.abs(ours.right() - box.right())));
                best = Math.min(best, d);
            }
        }
        return best;
    }

    private static void jpeg(AugmentReferences refs, List<Comparison> out) {
        for (JsonElement e : refs.section("jpeg").getAsJsonArray("encodings")) {
            JsonObject j = e.getAsJsonObject();
            String tensor =
                    "jpeg." + j.get("variant").getAsString() + "." + j.get("image").getAsInt();
            RgbImage ours;
            try {
                ours =
                        ImageDecoder.decode(
                                refs.bytes("jpeg", tensor + ".bytes"), tensor + ".bytes");
            } catch (UndecodableImageException ex) {
                out.add(
                        new Comparison(
                                "jpeg " + tensor,
                                "not decoded: " + ex.getMessage(),
                                Double.POSITIVE_INFINITY,
                                JPEG_LEVELS));
                continue;
            }
            PixelDifference d = PixelDifference.of(ours, refs.rgb("jpeg", tensor + ".rgb"), tensor);
            out.add(levels("jpeg " + tensor, d, JPEG_LEVELS));
        }
    }

    private static Comparison levels(String subject, PixelDifference d, double tolerance) {
        return new Comparison(
                subject,
                "levels; " + d.differingPixels() + " of " + d.pixels() + " pixels differ",
                d.largest(),
                tolerance);
    }
}
