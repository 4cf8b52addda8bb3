package org.ivit.data.augment;

import java.util.List;
import java.util.Random;

/**
 * torchvision's RandAugment: {@code numOps} times, pick one of 14 ops uniformly and apply it at bin
 * {@code magnitude} of {@code numBins}; signed ops flip their sign with probability 1/2. Magnitude
 * ranges are torchvision's: shear 0..0.3, translate 0..150/331 of the side, rotate 0..30°,
 * brightness/color/contrast/sharpness 1 ± 0..0.9, posterize 8..4 bits, solarize 255..0. Geometric
 * ops use nearest sampling and black fill (torchvision's defaults).
 */
public final class RandAugment implements ImageTransform {
    /** The op set, in torchvision's order. */
    public enum Op {
        IDENTITY,
        SHEAR_X,
        SHEAR_Y,
        TRANSLATE_X,
        TRANSLATE_Y,
        ROTATE,
        BRIGHTNESS,
        COLOR,
        CONTRAST,
        SHARPNESS,
        POSTERIZE,
        SOLARIZE,
        AUTO_CONTRAST,
        EQUALIZE;

        boolean signed() {
            return switch (this) {
                case SHEAR_X,
                        SHEAR_Y,
                        TRANSLATE_X,
                        TRANSLATE_Y,
                        ROTATE,
                        BRIGHTNESS,
                        COLOR,
                        CONTRAST,
                        SHARPNESS ->
                        true;
                default -> false;
            };
        }
    }

    private static final List<Op> OPS = List.of(Op.values());

    private final int numOps;
    private final int magnitude;
    private final int numBins;

    /** torchvision's defaults: 2 ops at magnitude 9 of 31 bins. */
    public RandAugment() {
        this(2, 9, 31);
    }

    public RandAugment(int numOps, int magnitude, int numBins) {
        if (magnitude < 0 || magnitude >= numBins) {
            throw new IllegalArgumentException("magnitude must be in 0.." + (numBins - 1));
        }
        this.numOps = numOps;
        this.magnitude = magnitude;
        this.numBins = numBins;
    }

    @Override
    public RgbImage apply(RgbImage image, Random random) {
        RgbImage out = image;
        for (int i = 0; i < numOps; i++) {
            Op op = OPS.get(random.nextInt(OPS.size()));
            double value = magnitudeOf(op, out.width(), out.height());
            if (op.signed() && random.nextBoolean()) {
                value = -value;
            }
            out = apply(op, out, value);
        }
        return out == image ? image.copy() : out;
    }

    /**
     * The unsigned magnitude of {@code op} at this instance's bin, for an image of the given size.
     */
    public double magnitudeOf(Op op, int width, int height) {
        double t = numBins == 1 ? 0 : (double) magnitude / (numBins - 1);
        return switch (op) {
            case IDENTITY, AUTO_CONTRAST, EQUALIZE -> 0.0;
            case SHEAR_X, SHEAR_Y -> 0.3 * t;
            case TRANSLATE_X -> 150.0 / 331.0 * width * t;
            case TRANSLATE_Y -> 150.0 / 331.0 * height * t;
            case ROTATE -> 30.0 * t;
            case BRIGHTNESS, COLOR, CONTRAST, SHARPNESS -> 0.9 * t;
            case POSTERIZE -> 8 - (int) Math.rint(magnitude / ((numBins - 1) / 4.0));
            case SOLARIZE -> 255.0 * (1 - t);
        };
    }

    /** Applies one op with a signed magnitude, as torchvision's _apply_op does. */
    public static RgbImage apply(Op op, RgbImage image, double magnitude) {
        return switch (op) {
            case IDENTITY -> image.copy();
            case SHEAR_X -> AffineWarp.shearX(image, magnitude);
            case SHEAR_Y -> AffineWarp.shearY(image, magnitude);
            case TRANSLATE_X -> AffineWarp.translate(image, (int) magnitude, 0);
            case TRANSLATE_Y -> AffineWarp.translate(image, 0, (int) magnitude);
            case ROTATE -> AffineWarp.rotate(image, magnitude);
            case BRIGHTNESS -> ColorOps.brightness(image, 1.0 + magnitude);
            case COLOR -> ColorOps.color(image, 1.0 + magnitude);
            case CONTRAST -> ColorOps.contrast(image, 1.0 + magnitude);
            case SHARPNESS -> ColorOps.sharpness(image, 1.0 + magnitude);
            case POSTERIZE -> ColorOps.posterize(image, (int) magnitude);
            case SOLARIZE -> ColorOps.solarize(image, magnitude);
            case AUTO_CONTRAST -> ColorOps.autocontrast(image);
            case EQUALIZE -> ColorOps.equalize(image);
        };
    }
}
