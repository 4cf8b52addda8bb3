package org.ivit.clip;

import ai.djl.nn.Parameter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ivit.io.SafetensorsReader;
import org.ivit.model.TensorSource;
import org.ivit.model.WeightMismatchException;

/**
 * A CLIP safetensors checkpoint seen under this project's parameter names, whatever its own naming:
 * q/k/v are stacked into one qkv, OpenAI's projection matrices transposed. {@link #check} compares
 * it with a model in the checkpoint's own names, so a report points at tensors a user can find.
 */
public final class ClipCheckpoint implements TensorSource {
    private final SafetensorsReader reader;
    private final ClipWeightNaming naming;
    private final Map<String, TensorRecipe> recipes = new LinkedHashMap<>();

    public ClipCheckpoint(
            SafetensorsReader reader, ClipWeightNaming naming, Iterable<String> parameters) {
        this.reader = reader;
        this.naming = naming;
        parameters.forEach(p -> recipes.put(p, naming.recipe(p)));
    }

    public ClipWeightNaming naming() {
        return naming;
    }

    @Override
    public String description() {
        return reader.file() + " (" + naming.description() + ")";
    }

    /** The parameters whose every source tensor is present. */
    @Override
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        recipes.forEach(
                (name, recipe) -> {
                    if (recipe.sources().stream().allMatch(reader::contains)) {
                        out.add(name);
                    }
                });
        return out;
    }

    @Override
    public long[] shape(String name) throws IOException {
        TensorRecipe recipe = recipe(name);
        long[] first = reader.info(recipe.sources().get(0)).shape();
        return switch (recipe.assembly()) {
            case COPY -> first;
            case TRANSPOSE -> first.length == 2 ? new long[] {first[1], first[0]} : first;
            case STACK_ROWS -> {
                long[] stacked = first.clone();
                stacked[0] = 0;
                for (String source : recipe.sources()) {
                    stacked[0] += reader.info(source).shape()[0];
                }
                yield stacked;
            }
        };
    }

    @Override
    public float[] floats(String name) throws IOException {
        TensorRecipe recipe = recipe(name);
        List<float[]> values = new ArrayList<>();
        for (String source : recipe.sources()) {
            values.add(reader.floats(source));
        }
        return recipe.assemble(values, reader.info(recipe.sources().get(0)).shape());
    }

    private TensorRecipe recipe(String name) {
        TensorRecipe recipe = recipes.get(name);
        if (recipe == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return recipe;
    }

    /**
     * Every missing, unexpected or misshapen checkpoint tensor at once, in the checkpoint's names.
     * Known buffers of the naming (position_ids, input_resolution, ...) are accepted.
     */
    public void check(Map<String, Parameter> parameters) throws WeightMismatchException {
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (TensorRecipe recipe : recipes.values()) {
            long[] expected =
                    recipe.sourceShape(
                            parameters.get(recipe.parameter()).getArray().getShape().getShape());
            for (String source : recipe.sources()) {
                used.add(source);
                if (!reader.contains(source)) {
                    missing.add(source);
                    continue;
                }
                long[] found = reader.tensors().get(source).shape();
                if (!Arrays.equals(found, expected)) {
                    mismatched.add(
                            source
                                    + ": checkpoint "
                                    + Arrays.toString(found)
                                    + ", model needs "
                                    + Arrays.toString(expected));
                }
            }
        }
        Set<String> unexpected = new TreeSet<>();
        for (String name : reader.names()) {
            if (!used.contains(name) && !naming.isKnownBuffer(name)) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty() || !mismatched.isEmpty() || !unexpected.isEmpty()) {
            StringBuilder b =
                    new StringBuilder("weights in ")
                            .append(description())
                            .append(" do not fit the CLIP model of the config:");
            append(b, "missing", missing);
            append(b, "unexpected", unexpected);
            append(b, "shape mismatch", mismatched);
            throw new WeightMismatchException(
                    b.toString(), missing, new ArrayList<>(unexpected), mismatched);
        }
    }

    private static void append(StringBuilder b, String what, java.util.Collection<String> names) {
        if (!names.isEmpty()) {
            b.append("\n  ")
                    .append(what)
                    .append(" (")
                    .append(names.size())
                    .append("): ")
                    .append(String.join(", ", names));
        }
    }
}
