package org.ivit.data.augment;

/** Resampling filters, with the support and weights Pillow uses (bicubic with a = −0.5). */
public enum Interpolation {
    NEAREST(0.5),
    BILINEAR(1.0),
    BICUBIC(2.0);

    private final double support;

    Interpolation(double support) {
        this.support = support;
    }

    double support() {
        return support;
    }

    double weight(double x) {
        x = Math.abs(x);
        return switch (this) {
            case NEAREST -> x < 0.5 ? 1.0 : 0.0;
            case BILINEAR -> x < 1.0 ? 1.0 - x : 0.0;
            case BICUBIC -> {
                double a = -0.5;
                if (x < 1.0) {
                    yield ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
                }
                if (x < 2.0) {
                    yield (((x - 5.0) * x + 8.0) * x - 4.0) * a;
                }
                yield 0.0;
            }
        };
    }
}
