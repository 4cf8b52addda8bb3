package org.ivit.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-family summary notebook 04 shows: counts, failures and the worst share of a tolerance.
 */
class FidelityReportTest {
    @Test
    void familiesKeepReportOrderAndCountTheirFailures() {
        FidelityReport report =
                new FidelityReport(
                        List.of(
                                new Comparison("paper-full", "loss, rel", 2e-6, 1e-4),
                                new Comparison("paper-full", "grad_norm, rel", 4e-5, 5e-5),
                                new Comparison("jpeg jpeg.grey.0", "levels", 0, 1),
                                new Comparison("flip image0.hflip", "levels", 0, 0),
                                new Comparison("flip image1.hflip", "levels", 1, 0)));
        List<FidelityReport.FamilySummary> rows = report.byFamily();
        assertEquals(
                List.of("paper-full", "jpeg", "flip"),
                rows.stream().map(FidelityReport.FamilySummary::family).toList());
        assertEquals(new FidelityReport.FamilySummary("paper-full", 2, 0, 0.8), rows.get(0));
        assertEquals(0, rows.get(1).worstShareOfTolerance());
        // an exact comparison missed by one level: failed, and infinitely over its tolerance
        assertEquals(1, rows.get(2).failed());
        assertTrue(Double.isInfinite(rows.get(2).worstShareOfTolerance()));
        assertFalse(report.passed());
    }
}
