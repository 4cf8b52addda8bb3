package org.ivit.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ivit.ServiceRegistry;
import org.ivit.data.prepare.DatasetRecipe;

/**
 * The one list of datasets: every {@link DatasetRecipe} registered as a service in {@code
 * META-INF/services/org.ivit.data.prepare.DatasetRecipe}, in that file's order. A new dataset is
 * its recipe plus one line there; the CLI, the presets, the result tables and the template choice
 * all read this list.
 */
public final class Datasets {
    private static final ServiceRegistry<DatasetRecipe> RECIPES =
            new ServiceRegistry<>(DatasetRecipe.class, "dataset", r -> r.dataset().id());

    private Datasets() {}

    /** Every registered dataset, in registration order. */
    public static List<BenchmarkDataset> all() {
        return RECIPES.all().stream().map(DatasetRecipe::dataset).toList();
    }

    /** Every registered id, for help texts and errors. */
    public static List<String> ids() {
        return RECIPES.ids();
    }

    /** The paper's datasets, in the order of its tables' columns. */
    public static List<BenchmarkDataset> paper() {
        List<BenchmarkDataset> paper =
                new ArrayList<>(all().stream().filter(BenchmarkDataset::inPaper).toList());
        paper.sort(Comparator.comparingInt(BenchmarkDataset::paperColumn));
        return List.copyOf(paper);
    }

    public static boolean isKnown(String id) {
        return RECIPES.contains(id);
    }

    /** The registered dataset with this id; the error lists the known ones. */
    public static BenchmarkDataset byId(String id) {
        return recipe(id).dataset();
    }

    /** The recipe (with its official sources) of a registered dataset. */
    public static DatasetRecipe recipe(String id) {
        return RECIPES.get(id);
    }
}
