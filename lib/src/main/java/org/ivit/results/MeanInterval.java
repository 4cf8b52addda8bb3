package org.ivit.results;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.ivit.results.CellText.Percent;

/**
 * The mean of a few values (one per seed) with its two-sided 95% Student t interval: mean ±
 * t(0.975, n−1) · s / √n, s the sample standard deviation (n − 1 in the denominator). With one
 * value there is no interval ({@link #hasInterval()} is false and the half-width is NaN). The t
 * quantile comes from Apache Commons Math rather than a hand-written table.
 */
public record MeanInterval(double mean, double halfWidth, List<Double> values) {
    /** The two-sided level of every interval here. */
    public static final double LEVEL = 0.95;

    public MeanInterval {
        values = List.copyOf(values);
    }

    public static MeanInterval of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an interval needs at least one value");
        }
        int n = values.size();
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n == 1) {
            return new MeanInterval(mean, Double.NaN, values);
        }
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double sd = Math.sqrt(squares / (n - 1));
        return new MeanInterval(mean, tQuantile(n - 1) * sd / Math.sqrt(n), values);
    }

    /** t(0.975) with {@code dof} degrees of freedom, e.g. 4.302653 for 2, 3.182446 for 3. */
    public static double tQuantile(int dof) {
        return new TDistribution(dof).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
    }

    public int n() {
        return values.size();
    }

    /** Whether there are at least two values, so an interval exists. */
    public boolean hasInterval() {
        return n() >= 2;
    }

    public double lower() {
        return mean - halfWidth;
    }

    public double upper() {
        return mean + halfWidth;
    }

    /** Whether {@code x} lies in the closed interval; false without one. */
    public boolean contains(double x) {
        return hasInterval() && x >= lower() && x <= upper();
    }

    /** Whether the interval lies wholly above or below 0. */
    public boolean excludesZero() {
        return hasInterval() && !contains(0);
    }

    /** "87.64 ± 0.35 (n=3)", or "87.64 (n=1)" where there is no interval; two decimals. */
    public String text() {
        String mean = Percent.text(Percent.round(this.mean));
        return hasInterval()
                ? mean + " ± " + Percent.text(Percent.round(halfWidth)) + " (n=" + n() + ")"
                : mean + " (n=1)";
    }

    /** As {@link #text()} with the mean signed, for differences: "+0.12 ± 0.30 (n=3)". */
    public String signedText() {
        String mean = Percent.signed(Percent.round(this.mean));
        return hasInterval()
                ? mean + " ± " + Percent.text(Percent.round(halfWidth)) + " (n=" + n() + ")"
                : mean + " (n=1)";
    }
}
