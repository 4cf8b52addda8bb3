package org.ivit.io;

import java.util.List;
import java.util.Locale;

/**
 * The part of a timm pretrained config ({@code pretrained_cfg}) that says how a checkpoint expects
 * its images: the input size (channels, height, width) it was trained and evaluated at, the
 * centre-crop fraction ({@code crop_pct}: resize the short side to {@code size / crop_pct}, then
 * crop {@code size}), the resize interpolation, the per-channel mean and std of the normalisation,
 * and the classes of its head. {@code testInputSize} and {@code testCropPct} are timm's optional
 * larger evaluation setting (null when the config has none).
 */
public record PretrainedConfig(
        List<Integer> inputSize,
        List<Integer> testInputSize,
        double cropPct,
        Double testCropPct,
        String interpolation,
        List<Double> mean,
        List<Double> std,
        int numClasses) {
    /** timm's IMAGENET_DEFAULT_MEAN / STD. */
    public static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);

    public static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);

    /** timm's IMAGENET_INCEPTION_MEAN / STD (the Google ViT checkpoints). */
    public static final List<Double> INCEPTION_MEAN = List.of(0.5, 0.5, 0.5);

    public static final List<Double> INCEPTION_STD = List.of(0.5, 0.5, 0.5);

    public PretrainedConfig {
        inputSize = List.copyOf(inputSize);
        testInputSize = testInputSize == null ? null : List.copyOf(testInputSize);
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        if (inputSize.size() != 3
                || mean.size() != inputSize.get(0)
                || std.size() != inputSize.get(0)) {
            throw new IllegalArgumentException(
                    "input size " + inputSize + " does not fit mean " + mean + " / std " + std);
        }
        if (!(cropPct > 0 && cropPct <= 1)) {
            throw new IllegalArgumentException("crop_pct " + cropPct + " is not in (0, 1]");
        }
        if (!interpolation.equals("bicubic") && !interpolation.equals("bilinear")) {
            throw new IllegalArgumentException(
                    "interpolation '" + interpolation + "' is neither bicubic nor bilinear");
        }
    }

    /** A square RGB config without a separate test size. */
    public static PretrainedConfig rgb(
            int size, double cropPct, String interpolation, List<Double> mean, List<Double> std) {
        return new PretrainedConfig(
                List.of(3, size, size), null, cropPct, null, interpolation, mean, std, 1000);
    }

    /** The same config with timm's larger evaluation size and its crop fraction. */
    public PretrainedConfig withTest(int testSize, double testCrop) {
        return new PretrainedConfig(
                inputSize,
                List.of(3, testSize, testSize),
                cropPct,
                testCrop,
                interpolation,
                mean,
                std,
                numClasses);
    }

    /** Height (= width) of the input. */
    public int resolution() {
        return inputSize.get(1);
    }

    /** e.g. {@code 224 crop 0.875 bicubic mean [0.485, 0.456, 0.406] std [0.229, 0.224, 0.225]}. */
    public String summary() {
        return String.format(
                        Locale.ROOT,
                        "%dx%d crop %s %s mean %s std %s, %d classes",
                        inputSize.get(1),
                        inputSize.get(2),
                        trim(cropPct),
                        interpolation,
                        mean,
                        std,
                        numClasses)
                + (testInputSize == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " (test %dx%d crop %s)",
                                testInputSize.get(1),
                                testInputSize.get(2),
                                testCropPct == null ? "-" : trim(testCropPct)));
    }

    private static String trim(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
