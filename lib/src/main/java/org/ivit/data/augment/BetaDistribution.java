package org.ivit.data.augment;

import java.util.Random;

/**
 * Samples Beta(a, b) as X/(X+Y) of two Gamma variates (Marsaglia–Tsang), from a given generator.
 */
public record BetaDistribution(double a, double b) {
    public BetaDistribution {
        if (!(a > 0) || !(b > 0)) {
            throw new IllegalArgumentException("Beta parameters must be positive: " + a + ", " + b);
        }
    }

    public double sample(Random random) {
        double x = gamma(a, random);
        double y = gamma(b, random);
        return x / (x + y);
    }

    static double gamma(double shape, Random random) {
        if (shape < 1) {
            // Boost: Gamma(k) = Gamma(k + 1) · U^(1/k).
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
