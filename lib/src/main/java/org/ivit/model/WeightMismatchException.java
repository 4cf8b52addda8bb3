package org.ivit.model;

import java.io.IOException;
import java.util.List;

/** Every difference between a checkpoint and a model, reported at once. */
public final class WeightMismatchException extends IOException {
    private final List<String> missing;
    private final List<String> unexpected;
    private final List<String> shapeMismatches;

    public WeightMismatchException(
            String message,
            List<String> missing,
            List<String> unexpected,
            List<String> shapeMismatches) {
        super(message);
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
        this.shapeMismatches = List.copyOf(shapeMismatches);
    }

    public List<String> missing() {
        return missing;
    }

    public List<String> unexpected() {
        return unexpected;
    }

    public List<String> shapeMismatches() {
        return shapeMismatches;
    }
}
