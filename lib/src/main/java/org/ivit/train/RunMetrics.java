package org.ivit.train;

/**
 * What a run measured: the selected epoch (counted from 1) of the epochs it trained, the test
 * accuracies of that epoch's weights and its validation top-1 (null without a validation score),
 * all percent (0..100); its wall time, the images the loader could not decode, the optimizer steps
 * skipped for a non-finite loss, whether it finished, and for a few-shot run the subset it trained
 * on (null for the full splits).
 */
public record RunMetrics(
        int bestEpoch,
        int epochs,
        double testTop1,
        double testTop5,
        Double valTop1,
        double wallSeconds,
        int badImages,
        int skippedSteps,
        boolean finished,
        FewShotSubset fewShot) {

    /** k of a few-shot run; 0 for a run of the full training split. */
    public int shots() {
        return fewShot == null ? 0 : fewShot.shots();
    }
}
