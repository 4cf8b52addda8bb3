package org.ivit.train;

/**
 * Which record this is and what produced it: the run id its folder and summary.json carry (the
 * spec's {@code runId()} for every run the engine writes; a record without config.json keeps the id
 * it was written with) and the commit of the code that trained it ({@code unknown} outside git).
 */
public record RunProvenance(String runId, String commit) {
    public RunProvenance {
        if (runId == null || commit == null) {
            throw new IllegalArgumentException("a run's provenance needs its run id and commit");
        }
    }
}
