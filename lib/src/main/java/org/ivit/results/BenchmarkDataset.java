package org.ivit.results;

import java.util.Arrays;
import java.util.List;

/** The datasets a run can report on, with the ids run records use and the labels the paper prints. */
public enum BenchmarkDataset {
    CALTECH101("caltech101", "Caltech101"),
    OXFORD_PETS("oxford_pets", "Pets"),
    STANFORD_CARS("stanford_cars", "Cars"),
    FLOWERS102("flowers102", "Flowers"),
    FASHION_MNIST("fashion_mnist", "Fashion-MNIST");

    /** The paper's four datasets, in the order of its tables. */
    public static final List<BenchmarkDataset> PAPER = List.of(CALTECH101, OXFORD_PETS, STANFORD_CARS, FLOWERS102);

    private final String id;
    private final String label;

    BenchmarkDataset(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The id in run records and CSV headers, e.g. {@code oxford_pets}. */
    public String id() {
        return id;
    }

    /** The column title the paper uses, e.g. {@code Pets}. */
    public String label() {
        return label;
    }

    public static BenchmarkDataset fromId(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dataset \"" + id + "\"; expected one of "
                        + Arrays.stream(values()).map(BenchmarkDataset::id).toList()));
    }
}
