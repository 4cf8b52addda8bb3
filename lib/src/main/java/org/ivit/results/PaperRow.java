package org.ivit.results;

import org.ivit.data.BenchmarkDataset;
import org.ivit.data.Datasets;
import java.math.BigDecimal;
import java.util.Map;

/**
 * One printed row of the paper's Table 1 or Table 2: top-1 % per dataset, the printed average and
 * our note on it. {@code prompt} is null in Table 1 and "–" for Table 2's VPT row, as printed.
 */
public record PaperRow(int table, String model, String prompt, Map<BenchmarkDataset, Double> values,
                       double average, String notes) {

    /** Half a unit in the last printed digit: how far a correctly rounded average may be from the mean. */
    static final double ROUNDING_SLACK = 0.005 + 1e-9;

    public PaperRow {
        values = Map.copyOf(values);
        notes = notes == null ? "" : notes;
    }

    public double value(BenchmarkDataset dataset) {
        Double v = values.get(dataset);
        if (v == null) {
            throw new IllegalArgumentException("the paper's Table " + table + " has no " + dataset.label() + " column");
        }
        return v;
    }

    /** The exact mean of the four printed values (decimal arithmetic, so 89.545 stays 89.545). */
    public BigDecimal meanOfRow() {
        BigDecimal sum = BigDecimal.ZERO;
        for (BenchmarkDataset d : Datasets.paper()) {
            sum = sum.add(BigDecimal.valueOf(value(d)));
        }
        return sum.divide(BigDecimal.valueOf(Datasets.paper().size()));
    }

    /** Whether the printed average is the row's mean rounded to two decimals (either way at an exact half). */
    public boolean averageMatchesRow() {
        return Math.abs(meanOfRow().doubleValue() - average) <= ROUNDING_SLACK;
    }

    /** "Ours (ViT-B), text" style name; the model alone when the row has no prompt kind. */
    public String label() {
        return prompt == null || prompt.equals("–") ? model : model + ", " + prompt;
    }
}
