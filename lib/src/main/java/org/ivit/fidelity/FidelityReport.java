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
        out.add(
                String.format(
                        Locale.ROOT,
                        format,
                        "subject",
                        "quantity",
                        "largest",
                        "tolerance",
                        "result"));
        for (Comparison c : comparisons) {
            out.add(
                    String.format(
                            Locale.ROOT,
                            format,
                            c.subject(),
                            c.quantity(),
                            number(c.largest()),
                            number(c.tolerance()),
                            c.passed() ? "pass" : "FAIL"));
        }
        long failed = comparisons.stream().filter(c -> !c.passed()).count();
        out.add(
                failed == 0
                        ? "fidelity: all " + comparisons.size() + " comparisons pass"
                        : "fidelity: "
                                + failed
                                + " of "
                                + comparisons.size()
                                + " comparisons FAIL");
        return out;
    }

    /**
     * One row per family, in report order: a family is a subject's first word, i.e. a training
     * scenario ({@code paper-full}) or an augmentation op family ({@code randaugment
     * image0.Rotate.pos} belongs to {@code randaugment}). Each row: how many comparisons, how many
     * fail, and the largest difference as a share of its tolerance (0 where every difference is 0;
     * above 1 fails).
     */
    public record FamilySummary(
            String family, int comparisons, int failed, double worstShareOfTolerance) {}

    public List<FamilySummary> byFamily() {
        java.util.Map<String, List<Comparison>> groups = new java.util.LinkedHashMap<>();
        comparisons.forEach(
                c ->
                        groups.computeIfAbsent(c.subject().split(" ", 2)[0], k -> new ArrayList<>())
                                .add(c));
        List<FamilySummary> out = new ArrayList<>();
        groups.forEach(
                (family, list) ->
                        out.add(
                                new FamilySummary(
                                        family,
                                        list.size(),
                                        (int) list.stream().filter(c -> !c.passed()).count(),
                                        list.stream()
                                                .mapToDouble(FidelityReport::shareOfTolerance)
                                                .max()
                                                .orElse(0))));
        return out;
    }

    /**
     * A zero tolerance (exact equality) is met only by a zero difference: share 0, else infinite.
     */
    private static double shareOfTolerance(Comparison c) {
        if (c.tolerance() == 0) {
            return c.largest() == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return c.largest() / c.tolerance();
    }

    private static String number(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.3g", v);
    }
}
