package org.ivit.data;

/**
 * A dataset as runs, tables and prompt templates know it: the id in run records and folder names,
 * the column title the paper prints, its class count once prepared, the built-in template set CLIP
 * used for it, and its column in the paper's tables. Each recipe declares its own; the registry
 * ({@link Datasets}) is the one list.
 *
 * @param paperColumn 0-based column in the paper's Tables 1 and 2, or -1 for datasets the paper has
 *     not
 */
public record BenchmarkDataset(
        String id, String label, int classes, String templateSet, int paperColumn) {
    public BenchmarkDataset {
        if (id == null || !id.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException(
                    "dataset id '" + id + "' must be lower-case letters, digits and _");
        }
        if (classes < 2) {
            throw new IllegalArgumentException(
                    "dataset " + id + " must have at least 2 classes, not " + classes);
        }
    }

    /** A dataset outside the paper's tables. */
    public BenchmarkDataset(String id, String label, int classes, String templateSet) {
        this(id, label, classes, templateSet, -1);
    }

    public boolean inPaper() {
        return paperColumn >= 0;
    }

    @Override
    public String toString() {
        return id;
    }
}
