package org.ivit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Loads named tensors into a model's parameters, strictly: every parameter must be present with
 * its exact shape, and every tensor in the source must be used, except known buffers the caller
 * names as ignorable. All problems are reported in one exception, never silently skipped.
 */
public final class StrictWeightLoader {
    private Pattern ignorable = Pattern.compile("(?!)");
    private String reinitializePrefix;

    /** Tensors whose names match are accepted and not loaded (e.g. {@code .*position_ids}). */
    public StrictWeightLoader ignoring(String regex) {
        ignorable = Pattern.compile(regex);
        return this;
    }

    /**
     * Parameters under this prefix (e.g. {@code head.}) keep their fresh initialisation when the
     * checkpoint's shape differs (another class count) or the tensor is absent.
     */
    public StrictWeightLoader reinitializing(String prefix) {
        reinitializePrefix = prefix;
        return this;
    }

    /** Checks everything first, then copies; returns the names loaded. */
    public List<String> load(TensorSource source, Map<String, Parameter> parameters) throws IOException {
        List<String> toLoad = check(source, parameters);
        for (String name : toLoad) {
            copyInto(parameters.get(name), source.floats(name));
        }
        return toLoad;
    }

    /**
     * Checks that the source fits the parameters as {@link #load} requires, reading only names and
     * shapes, and copies nothing; returns the names that {@link #load} would load. A source that
     * lists names and shapes without values (a key manifest) can be checked this way.
     */
    public List<String> check(TensorSource source, Map<String, Parameter> parameters) throws IOException {
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        List<String> toLoad = new ArrayList<>();
        Set<String> available = source.names();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            String name = e.getKey();
            boolean reinit = reinitializePrefix != null && name.startsWith(reinitializePrefix);
            if (!available.contains(name)) {
                if (!reinit) {
                    missing.add(name);
                }
                continue;
            }
            long[] expected = e.getValue().getArray().getShape().getShape();
            long[] found = source.shape(name);
            if (!Arrays.equals(expected, found)) {
                if (!reinit) {
                    mismatched.add(name + ": checkpoint " + Arrays.toString(found) + ", model " + Arrays.toString(expected)
                            + headHint(name, found, expected));
                }
                continue;
            }
            toLoad.add(name);
        }
        Set<String> unexpected = new TreeSet<>();
        for (String name : available) {
            if (!parameters.containsKey(name) && !ignorable.matcher(name).matches()) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty() || !mismatched.isEmpty() || !unexpected.isEmpty()) {
            throw new WeightMismatchException(report(source, missing, unexpected, mismatched),
                    missing, new ArrayList<>(unexpected), mismatched);
        }
        return toLoad;
    }

    private static String headHint(String name, long[] found, long[] expected) {
        if (name.startsWith("head.") && found.length >= 1 && expected.length >= 1 && found[0] != expected[0]) {
            return " (the checkpoint's head has " + found[0] + " classes, the model " + expected[0]
                    + "; ask to re-initialise the head to fine-tune on another class count)";
        }
        return "";
    }

    private static String report(TensorSource source, List<String> missing, Set<String> unexpected, List<String> mismatched) {
        StringBuilder b = new StringBuilder("weights in ").append(source.description()).append(" do not fit the model:");
        append(b, "missing", missing);
        append(b, "unexpected", unexpected);
        append(b, "shape mismatch", mismatched);
        return b.toString();
    }

    private static void append(StringBuilder b, String what, Iterable<String> names) {
        List<String> list = new ArrayList<>();
        names.forEach(list::add);
        if (!list.isEmpty()) {
            b.append("\n  ").append(what).append(" (").append(list.size()).append("): ").append(String.join(", ", list));
        }
    }

    /**
     * Parameters are initialised already; setArray would fail, so values are copied in, into the
     * parameter's own storage through a detached view (so the copy is never recorded by autograd,
     * in or out of a gradient collector). Not {@code NDArray.copyTo}: DJL's PyTorch engine runs that
     * under libtorch's deprecated AutoNonVariableTypeMode, which prints a deprecation warning to the
     * process's stderr (see {@code CleanStderrTest}).
     */
    public static void copyInto(Parameter parameter, float[] values) {
        NDArray target = parameter.getArray();
        try (NDManager scratch = target.getManager().newSubManager()) {
            NDArray view = target.stopGradient();
            view.attach(scratch);
            view.set(ALL, scratch.create(values, target.getShape()));
        }
    }

    private static final NDIndex ALL = new NDIndex("...");
}
