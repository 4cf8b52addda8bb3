package org.ivit.fidelity;

/**
 * One line of the fidelity report: what was compared, its largest difference and the tolerance it
 * must stay within.
 */
public record Comparison(String subject, String quantity, double largest, double tolerance) {
    public boolean passed() {
        return largest <= tolerance;
    }
}
