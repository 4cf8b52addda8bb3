package org.ivit.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines {@code ivit fidelity} prints: one per comparison, then a count. */
public record FidelityReport(List<Comparison> comparisons) {

    public FidelityReport {
        comparisons = List.copyOf(comparisons);
    }

    public boolean passed() {
        return comparisons.stream().allMatch(Comparison::passed);
    }

    /** Subject, quantity, largest difference, tolerance and pass/FAIL, in aligned columns. */
    public List<String> lines() {
        int subject = comparisons.stream().mapToInt(c -> c.subject().length()).max().orElse(7);
        int quantity = comparisons.stream().mapToInt(c -> c.quantity().length()).max().orElse(8);
        String format = "%-" + subject + "s  %-" + quantity + "s  %10s  %10s  %s";
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, format, "subject", "quantity", "largest", "tolerance", "result"));
        for (Comparison c : comparisons) {
            out.add(String.format(Locale.ROOT, format, c.subject(), c.quantity(), number(c.largest()), number(c.tolerance()),
                    c.passed() ? "pass" : "FAIL"));
        }
        long failed = comparisons.stream().filter(c -> !c.passed()).count();
        out.add(failed == 0 ? "fidelity: all " + comparisons.size() + " comparisons pass"
                : "fidelity: " + failed + " of " + comparisons.size() + " comparisons FAIL");
        return out;
    }

    private static String number(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.3g", v);
    }
}
