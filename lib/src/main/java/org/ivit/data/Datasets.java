package org.ivit.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.ivit.data.prepare.DatasetRecipe;

/**
 * The one list of datasets: every {@link DatasetRecipe} registered as a service in
 * {@code META-INF/services/org.ivit.data.prepare.DatasetRecipe}, in that file's order. A new dataset
 * is its recipe plus one line there; the CLI, the presets, the result tables and the template
 * choice all read this list.
 */
public final class Datasets {
    private static final Map<String, DatasetRecipe> RECIPES = load();

    private Datasets() {}

    private static Map<String, DatasetRecipe> load() {
        Map<String, DatasetRecipe> byId = new LinkedHashMap<>();
        // the library's class loader, so that a notebook kernel's own loader finds the same list
        for (DatasetRecipe recipe : ServiceLoader.load(DatasetRecipe.class, DatasetRecipe.class.getClassLoader())) {
            String id = recipe.dataset().id();
            DatasetRecipe before = byId.putIfAbsent(id, recipe);
            if (before != null) {
                throw new IllegalStateException("dataset id '" + id + "' is registered twice: by "
                        + before.getClass().getName() + " and " + recipe.getClass().getName());
            }
        }
        return byId;
    }

    /** Every registered dataset, in registration order. */
    public static List<BenchmarkDataset> all() {
        return RECIPES.values().stream().map(DatasetRecipe::dataset).toList();
    }

    /** Every registered id, for help texts and errors. */
    public static List<String> ids() {
        return List.copyOf(RECIPES.keySet());
    }

    /** The paper's datasets, in the order of its tables' columns. */
    public static List<BenchmarkDataset> paper() {
        List<BenchmarkDataset> paper = new ArrayList<>(all().stream().filter(BenchmarkDataset::inPaper).toList());
        paper.sort(Comparator.comparingInt(BenchmarkDataset::paperColumn));
        return List.copyOf(paper);
    }

    public static boolean isKnown(String id) {
        return RECIPES.containsKey(id);
    }

    /** The registered dataset with this id; the error lists the known ones. */
    public static BenchmarkDataset byId(String id) {
        return recipe(id).dataset();
    }

    /** The recipe (with its official sources) of a registered dataset. */
    public static DatasetRecipe recipe(String id) {
        DatasetRecipe recipe = RECIPES.get(id);
        if (recipe == null) {
            throw new IllegalArgumentException("unknown dataset '" + id + "'; known: " + String.join(", ", ids()));
        }
        return recipe;
    }
}
