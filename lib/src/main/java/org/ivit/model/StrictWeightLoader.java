package org.ivit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.ivit.io.DType;
import org.ivit.model.conv.TensorSpec;

/**
 * Loads named tensors into a model's parameters, strictly: every parameter must be present with its
 * exact shape, and every tensor in the source must be used, except known buffers the caller names
 * as ignorable. All problems are reported in one exception, never silently skipped, and nothing is
 * copied unless everything fits.
 *
 * <p>This is the project's one strict loader. What a family's checkpoints hold is its {@link
 * Expectations}: {@link #PARAMETERS} (the transformers and CLIP: the parameters, compared by shape)
 * by default, {@link org.ivit.model.conv.TimmCheckpoints#BATCH_NORM_CNN} for the CNNs (BatchNorm
 * buffers and their optional {@code num_batches_tracked}, float dtypes checked).
 */
public final class StrictWeightLoader {
    /** What a family's checkpoints hold for a model's parameters, and how a mismatch reads. */
    public interface Expectations {
        /** Every tensor a checkpoint holds for these parameters, in the model's order. */
        Map<String, TensorSpec> tensors(Map<String, Parameter> parameters);

        /**
         * A tensor that may be absent and is checked but never loaded (e.g. {@code
         * num_batches_tracked}).
         */
        default boolean isBookkeeping(String name) {
            return false;
        }

        /** Whether the stored tensor {@code found} fits {@code want}. */
        boolean fits(String name, TensorSpec found, TensorSpec want);

        /** A tensor's dtype and shape as the messages show them. */
        String describe(TensorSpec spec);

        /** Words added to a mismatch, e.g. how to fine-tune on another class count; "" for none. */
        String hint(String name, TensorSpec found, TensorSpec want, boolean reinitializing);

        /** The heading of the mismatch list. */
        String mismatchLabel();
    }

    /**
     * The parameters with their shapes; dtype is not compared (every float type is read as
     * float32).
     */
    public static final Expectations PARAMETERS =
            new Expectations() {
                @Override
                public Map<String, TensorSpec> tensors(Map<String, Parameter> parameters) {
                    Map<String, TensorSpec> out = new LinkedHashMap<>();
                    parameters.forEach(
                            (name, p) ->
                                    out.put(
                                            name,
                                            TensorSpec.of(
                                                    DType.F32,
                                                    p.getArray().getShape().getShape())));
                    return out;
                }

                @Override
                public boolean fits(String name, TensorSpec found, TensorSpec want) {
                    return found.shape().equals(want.shape());
                }

                @Override
                public String describe(TensorSpec spec) {
                    return spec.shape().toString();
                }

                @Override
                public String hint(
                        String name, TensorSpec found, TensorSpec want, boolean reinitializing) {
                    if (name.startsWith("head.")
                            && !found.shape().isEmpty()
                            && !want.shape().isEmpty()
                            && !found.shape().get(0).equals(want.shape().get(0))) {
                        return " (the checkpoint's head has "
                                + found.shape().get(0)
                                + " classes, the model "
                                + want.shape().get(0)
                                + "; ask to re-initialise the head to fine-tune on another class count)";
                    }
                    return "";
                }

                @Override
                public String mismatchLabel() {
                    return "shape mismatch";
                }
            };

    private Pattern ignorable = Pattern.compile("(?!)");
    private String reinitializePrefix;
    private Expectations expectations = PARAMETERS;

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

    /** The family's expectations; {@link #PARAMETERS} unless set. */
    public StrictWeightLoader expecting(Expectations expectations) {
        this.expectations = expectations;
        return this;
    }

    /** Checks everything first, then copies; returns the names loaded. */
    public List<String> load(TensorSource source, Map<String, Parameter> parameters)
            throws IOException {
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
    public List<String> check(TensorSource source, Map<String, Parameter> parameters)
            throws IOException {
        Map<String, TensorSpec> expected = expectations.tensors(parameters);
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        List<String> toLoad = new ArrayList<>();
        Set<String> available = source.names();
        for (Map.Entry<String, TensorSpec> e : expected.entrySet()) {
            String name = e.getKey();
            TensorSpec want = e.getValue();
            boolean reinit = reinitializePrefix != null && name.startsWith(reinitializePrefix);
            boolean bookkeeping = expectations.isBookkeeping(name);
            if (!available.contains(name)) {
                if (!reinit && !bookkeeping) {
                    missing.add(name);
                }
                continue;
            }
            TensorSpec found = TensorSpec.of(source.dtype(name), source.shape(name));
            if (!expectations.fits(name, found, want)) {
                if (!reinit) {
                    mismatched.add(
                            name
                                    + ": checkpoint "
                                    + expectations.describe(found)
                                    + ", model "
                                    + expectations.describe(want)
                                    + expectations.hint(
                                            name, found, want, reinitializePrefix != null));
                }
                continue;
            }
            if (!bookkeeping) {
                toLoad.add(name);
            }
        }
        Set<String> unexpected = new TreeSet<>();
        for (String name : available) {
            if (!expected.containsKey(name) && !ignorable.matcher(name).matches()) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty() || !mismatched.isEmpty() || !unexpected.isEmpty()) {
            throw new WeightMismatchException(
                    report(source, missing, unexpected, mismatched),
                    missing,
                    new ArrayList<>(unexpected),
                    mismatched);
        }
        return toLoad;
    }

    private String report(
            TensorSource source,
            List<String> missing,
            Set<String> unexpected,
            List<String> mismatched) {
        StringBuilder b =
                new StringBuilder("weights in ")
                        .append(source.description())
                        .append(" do not fit the model:");
        append(b, "missing", missing);
        append(b, "unexpected", unexpected);
        append(b, expectations.mismatchLabel(), mismatched);
        return b.toString();
    }

    private static void append(StringBuilder b, String what, Iterable<String> names) {
        List<String> list = new ArrayList<>();
        names.forEach(list::add);
        if (!list.isEmpty()) {
            b.append("\n  ")
                    .append(what)
                    .append(" (")
                    .append(list.size())
                    .append("): ")
                    .append(String.join(", ", list));
        }
    }

    /**
     * Parameters are initialised already; setArray would fail, so values are copied in, into the
     * parameter's own storage through a detached view (so the copy is never recorded by autograd,
     * in or out of a gradient collector). Not {@code NDArray.copyTo}: DJL's PyTorch engine runs
     * that under libtorch's deprecated AutoNonVariableTypeMode, which prints a deprecation warning
     * to the process's stderr (see {@code CleanStderrTest}).
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
