package org.ivit.results;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;
import org.ivit.results.CellText.Percent;
import tech.tablesaw.aggregate.NumericAggregateFunction;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The mean of a few values (one per seed) with its two-sided 95% Student t interval: mean ±
 * t(0.975, n−1) · s / √n, s the sample standard deviation (n − 1 in the denominator). With one
 * value there is no interval ({@link #hasInterval()} is false and the half-width is NaN). The t
 * quantile comes from Apache Commons Math rather than a hand-written table.
 *
 * <p>The result tables get their cells' intervals from {@link #summarize}: Tablesaw's {@code
 * summarize(...).by(...)} over a long table of values, with aggregate functions that do {@link
 * #of}'s arithmetic.
 */
public record MeanInterval(double mean, double halfWidth, int n) {
    /** The two-sided level of every interval here. */
    public static final double LEVEL = 0.95;

    /** The columns {@link #summarize} adds after the group columns. */
    public static final String MEAN = "mean";

    public static final String HALF_WIDTH = "ci95";
    public static final String N = "n";

    public static MeanInterval of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an interval needs at least one value");
        }
        int n = values.size();
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n == 1) {
            return new MeanInterval(mean, Double.NaN, n);
        }
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double sd = Math.sqrt(squares / (n - 1));
        return new MeanInterval(mean, tQuantile(n - 1) * sd / Math.sqrt(n), n);
    }

    /**
     * Each group's mean and 95% interval of the column {@code value}: one row per distinct
     * combination of the {@code groups} columns, with those columns, then {@value #MEAN}, {@value
     * #HALF_WIDTH} (missing for one value) and {@value #N}. A group's values are taken in the
     * table's row order, so its numbers equal {@link #of} of that list to the last bit.
     */
    public static Table summarize(Table values, String value, String... groups) {
        Table summary =
                values.summarize(
                                value,
                                aggregate(MEAN, MeanInterval::mean),
                                aggregate(HALF_WIDTH, MeanInterval::halfWidth),
                                aggregate(N, MeanInterval::n))
                        .by(groups);
        for (String name : List.of(MEAN, HALF_WIDTH, N)) {
            summary.column(name + " [" + value + "]").setName(name);
        }
        return summary;
    }

    /** The interval on one row of a {@link #summarize} table. */
    public static MeanInterval at(Row summary) {
        return new MeanInterval(
                summary.getDouble(MEAN), summary.getDouble(HALF_WIDTH), (int) summary.getDouble(N));
    }

    private static NumericAggregateFunction aggregate(
            String name, ToDoubleFunction<MeanInterval> part) {
        return new NumericAggregateFunction(name) {
            @Override
            public Double summarize(NumericColumn<?> column) {
                return part.applyAsDouble(of(column.asDoubleColumn().asList()));
            }
        };
    }

    /** t(0.975) with {@code dof} degrees of freedom, e.g. 4.302653 for 2, 3.182446 for 3. */
    public static double tQuantile(int dof) {
        return new TDistribution(dof).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
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
