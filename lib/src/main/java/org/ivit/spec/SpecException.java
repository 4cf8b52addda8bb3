package org.ivit.spec;

/**
 * A field of an experiment spec that is unknown, unreadable or out of range, with where it came
 * from: {@code --set}, a preset resource, or a run's config.json.
 */
public final class SpecException extends IllegalArgumentException {
    private final String source;
    private final String field;

    public SpecException(String source, String field, String problem) {
        super(source + ": " + field + " " + problem);
        this.source = source;
        this.field = field;
    }

    /** Where the value came from, e.g. {@code --set} or {@code presets/quick.json}. */
    public String source() {
        return source;
    }

    /** The spec key, e.g. {@code batchSize}. */
    public String field() {
        return field;
    }
}
