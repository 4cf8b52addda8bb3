package org.ivit.results;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Two-decimal percent values, as the paper prints them, and their text forms. */
final class Percent {
    private Percent() {}

    static Double round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** "97.61"; an empty string for null. */
    static String text(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** "+0.41" or "-1.11", so the sign is never left to guess; empty for null. */
    static String signed(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%+.2f", value);
    }
}
