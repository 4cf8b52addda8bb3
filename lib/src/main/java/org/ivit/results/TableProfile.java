package org.ivit.results;

import org.ivit.data.BenchmarkDataset;
import org.ivit.data.Datasets;
import org.ivit.data.ProfileDatasets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

/**
 * The training profile a result table shows. A table holds one profile only, so quick runs (on
 * Fashion-MNIST with a tiny ViT) can never pass for the paper's numbers.
 */
public enum TableProfile {
    PAPER("paper", true,
            "paper profile (ViT-B/16 backbone, the paper's four datasets)"),
    QUICK("quick", false,
            "quick profile (Fashion-MNIST, tiny ViT): not comparable to the paper");

    private final String id;
    private final boolean comparableToPaper;
    private final String heading;

    TableProfile(String id, boolean comparableToPaper, String heading) {
        this.id = id;
        this.comparableToPaper = comparableToPaper;
        this.heading = heading;
    }

    /** The id run records carry in {@code profile}. */
    public String id() {
        return id;
    }

    /**
     * The dataset columns of this profile's tables: its preset's datasets (for the paper profile,
     * the paper's four in the order of its tables).
     */
    public List<BenchmarkDataset> datasets() {
        return ProfileDatasets.of(id);
    }

    /**
     * The columns of a table of these runs: {@link #datasets()}, then every other registered dataset
     * that has a run of this profile (a dataset added by a user shows up in its own column).
     */
    public List<BenchmarkDataset> datasets(RunTable runs) {
        List<BenchmarkDataset> columns = new ArrayList<>(datasets());
        List<String> ran = runs.where(t -> t.stringColumn(RunTable.PROFILE).isEqualTo(id)).distinct(RunTable.DATASET);
        for (BenchmarkDataset d : Datasets.all()) {
            if (!columns.contains(d) && ran.contains(d.id())) {
                columns.add(d);
            }
        }
        return List.copyOf(columns);
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
