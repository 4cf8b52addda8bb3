package org.ivit.spec;

import java.math.BigDecimal;

/**
 * The numbers a key takes, parsed from its {@link Key#range} text: an interval with open or closed
 * ends, or a lower bound alone.
 */
record ValueRange(BigDecimal low, boolean lowOpen, BigDecimal high, boolean highOpen, String text) {
    static final ValueRange ANY = new ValueRange(null, false, null, false, "");

    static ValueRange parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return ANY;
        }
        if (t.startsWith(">=")) {
            return new ValueRange(new BigDecimal(t.substring(2).strip()), false, null, false, t);
        }
        if (t.startsWith(">")) {
            return new ValueRange(new BigDecimal(t.substring(1).strip()), true, null, false, t);
        }
        String[] ends = t.substring(1, t.length() - 1).split(",");
        if (ends.length != 2
                || "[(".indexOf(t.charAt(0)) < 0
                || "])".indexOf(t.charAt(t.length() - 1)) < 0) {
            throw new IllegalArgumentException(
                    "range '" + text + "' is not [a, b], (a, b], [a, b), (a, b), > a or >= a");
        }
        return new ValueRange(
                new BigDecimal(ends[0].strip()),
                t.charAt(0) == '(',
                new BigDecimal(ends[1].strip()),
                t.charAt(t.length() - 1) == ')',
                t);
    }

    boolean contains(BigDecimal v) {
        if (low != null && (lowOpen ? v.compareTo(low) <= 0 : v.compareTo(low) < 0)) {
            return false;
        }
        return high == null || (highOpen ? v.compareTo(high) < 0 : v.compareTo(high) <= 0);
    }

    /** As help texts and errors say it: "in [0, 1]", "> 0". */
    String phrase() {
        return text.startsWith(">") ? text : "in " + text;
    }
}
