package org.ivit.results;

/**
 * Whether the paper's value of a cell lies inside our 95% interval over seeds and, if not, how far
 * our mean is above or below it ({@code difference} = our mean − paper, two decimals).
 */
public record PaperVerdict(Kind kind, Double difference) {

    public enum Kind {
        /** The paper's value lies in our interval. */
        INSIDE,
        /** Our interval lies wholly above the paper's value. */
        ABOVE,
        /** Our interval lies wholly below the paper's value. */
        BELOW,
        /** One seed only: no interval to judge by. */
        NO_INTERVAL,
        /** Not run, or no paper value to compare with. */
        NONE
    }

    static PaperVerdict of(Double paper, MeanInterval ours) {
        if (paper == null || ours == null) {
            return new PaperVerdict(Kind.NONE, null);
        }
        Double difference = Percent.round(ours.mean() - paper);
        if (!ours.hasInterval()) {
            return new PaperVerdict(Kind.NO_INTERVAL, difference);
        }
        if (ours.contains(paper)) {
            return new PaperVerdict(Kind.INSIDE, difference);
        }
        return new PaperVerdict(ours.lower() > paper ? Kind.ABOVE : Kind.BELOW, difference);
    }

    /** Whether the cell agrees with the paper (the paper's value inside our interval). */
    public boolean agrees() {
        return kind == Kind.INSIDE;
    }

    /** Whether the cell can be judged at all (run with two or more seeds and a paper value). */
    public boolean judged() {
        return kind == Kind.INSIDE || kind == Kind.ABOVE || kind == Kind.BELOW;
    }

    /** "paper inside", "ours above by 0.41", "ours below by 1.69", "n=1: no interval", or "". */
    public String text() {
        return switch (kind) {
            case INSIDE -> "paper inside";
            case ABOVE -> "ours above by " + Percent.text(Math.abs(difference));
            case BELOW -> "ours below by " + Percent.text(Math.abs(difference));
            case NO_INTERVAL -> "n=1: no interval";
            case NONE -> "";
        };
    }
}
