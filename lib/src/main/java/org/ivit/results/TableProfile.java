package org.ivit.results;

import java.util.Arrays;
import java.util.List;

/**
 * The training profile a result table shows. A table holds one profile only, so quick runs (on
 * Fashion-MNIST with a tiny ViT) can never pass for the paper's numbers.
 */
public enum TableProfile {
    PAPER("paper", BenchmarkDataset.PAPER, true,
            "paper profile (ViT-B/16 backbone, the paper's four datasets)"),
    QUICK("quick", List.of(BenchmarkDataset.FASHION_MNIST), false,
            "quick profile (Fashion-MNIST, tiny ViT): not comparable to the paper");

    private final String id;
    private final List<BenchmarkDataset> datasets;
    private final boolean comparableToPaper;
    private final String heading;

    TableProfile(String id, List<BenchmarkDataset> datasets, boolean comparableToPaper, String heading) {
        this.id = id;
        this.datasets = datasets;
        this.comparableToPaper = comparableToPaper;
        this.heading = heading;
    }

    /** The id run records carry in {@code profile}. */
    public String id() {
        return id;
    }

    /** The dataset columns of this profile's tables. */
    public List<BenchmarkDataset> datasets() {
        return datasets;
    }

    /** Whether the paper's numbers may stand beside ours. */
    public boolean comparableToPaper() {
        return comparableToPaper;
    }

    /** What a table's title says about the profile. */
    public String heading() {
        return heading;
    }

    public static TableProfile of(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown profile \"" + id + "\"; expected quick or paper"));
    }
}
