package org.ivit.model.conv;

import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ivit.io.DType;
import org.ivit.io.SafetensorsReader;
import org.ivit.io.TensorInfo;
import org.ivit.model.NamedParameters;
import org.ivit.model.TimmClassifier;
import org.ivit.model.StrictWeightLoader;
import org.ivit.model.WeightMismatchException;

/**
 * Strict loading of timm-named safetensors checkpoints into CNNs with BatchNorm.
 *
 * <p>The checkpoint must hold exactly {@link #expectedTensors}: every parameter and BatchNorm buffer
 * of the model with its shape (float tensors of any float dtype, read as float32), and for each
 * BatchNorm {@code X} optionally {@code X.num_batches_tracked} (I64, shape {@code []}), which is
 * accepted and ignored. Everything else (a missing tensor, an unexpected one, a shape or dtype that
 * differs) is reported in one {@link WeightMismatchException}, and nothing is copied.
 */
public final class TimmCheckpoints {
    static final String BATCHES_TRACKED = "num_batches_tracked";

    private TimmCheckpoints() {}

    /**
     * Every tensor of a timm {@code state_dict()} of this model, in the model's order: parameters and
     * BatchNorm buffers as F32 with their shapes, and {@code X.num_batches_tracked} as I64 {@code []}
     * after each BatchNorm {@code X}. Needs no initialised weights: the shapes are fixed at construction.
     */
    public static Map<String, TensorSpec> expectedTensors(NamedParameters model) {
        Map<String, TensorSpec> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            out.put(e.getKey(), TensorSpec.of(DType.F32, e.getValue().getShape().getShape()));
            if (e.getValue().getType() == Parameter.Type.RUNNING_VAR) {
                String bn = e.getKey().substring(0, e.getKey().length() - "running_var".length());
                out.put(bn + BATCHES_TRACKED, TensorSpec.of(DType.I64));
            }
        }
        return out;
    }

    /** Trainable-kind parameters only, BatchNorm buffers excluded (timm's parameter count). */
    public static long parameterCount(NamedParameters model) {
        long n = 0;
        for (Parameter p : model.namedParameters().values()) {
            if (!BatchNorm2d.isBuffer(p)) {
                n += p.getShape().size();
            }
        }
        return n;
    }

    /**
     * Loads a checkpoint strictly; returns the names copied. With {@code reinitializeClassifier}
     * the classifier ({@link TimmClassifier#classifierPrefix()}) keeps its fresh initialisation when the
     * checkpoint's differs in shape (another class count) or is absent.
     */
    public static List<String> load(TimmClassifier model, Path weights, boolean reinitializeClassifier) throws IOException {
        try (SafetensorsReader reader = SafetensorsReader.open(weights)) {
            return load(model, reader, reinitializeClassifier ? model.classifierPrefix() : null);
        }
    }

    static List<String> load(NamedParameters model, SafetensorsReader reader, String reinitializePrefix) throws IOException {
        Map<String, Parameter> parameters = model.namedParameters();
        Map<String, TensorSpec> expected = expectedTensors(model);
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        List<String> toLoad = new ArrayList<>();
        for (Map.Entry<String, TensorSpec> e : expected.entrySet()) {
            String name = e.getKey();
            TensorSpec want = e.getValue();
            boolean reinit = reinitializePrefix != null && name.startsWith(reinitializePrefix);
            boolean counter = name.endsWith("." + BATCHES_TRACKED);
            if (!reader.contains(name)) {
                if (!reinit && !counter) {
                    missing.add(name);
                }
                continue;
            }
            TensorInfo info = reader.info(name);
            TensorSpec found = TensorSpec.of(info.dtype(), info.shape());
            boolean dtypeFits = counter ? info.dtype() == DType.I64 : info.dtype().isFloating();
            if (!dtypeFits || !found.shape().equals(want.shape())) {
                if (!reinit) {
                    mismatched.add(name + ": checkpoint " + found + ", model " + want
                            + classifierHint(name, reinitializePrefix, found, want));
                }
                continue;
            }
            if (!counter) {
                toLoad.add(name);
            }
        }
        Set<String> unexpected = new TreeSet<>();
        for (String name : reader.names()) {
            if (!expected.containsKey(name)) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty() || !mismatched.isEmpty() || !unexpected.isEmpty()) {
            throw new WeightMismatchException(report(reader.file(), missing, unexpected, mismatched),
                    missing, new ArrayList<>(unexpected), mismatched);
        }
        for (String name : toLoad) {
            StrictWeightLoader.copyInto(parameters.get(name), reader.floats(name));
        }
        return toLoad;
    }

    private static String classifierHint(String name, String reinitializePrefix, TensorSpec found, TensorSpec want) {
        boolean classifier = name.equals("fc.weight") || name.equals("classifier.weight");
        if (classifier && reinitializePrefix == null && !found.shape().isEmpty() && !want.shape().isEmpty()
                && !found.shape().get(0).equals(want.shape().get(0))) {
            return " (the checkpoint's classifier has " + found.shape().get(0) + " classes, the model "
                    + want.shape().get(0) + "; ask to re-initialise the classifier to fine-tune on another class count)";
        }
        return "";
    }

    private static String report(Path file, List<String> missing, Set<String> unexpected, List<String> mismatched) {
        StringBuilder b = new StringBuilder("weights in ").append(file).append(" do not fit the model:");
        append(b, "missing", missing);
        append(b, "unexpected", unexpected);
        append(b, "shape or dtype mismatch", mismatched);
        return b.toString();
    }

    private static void append(StringBuilder b, String what, Iterable<String> names) {
        List<String> list = new ArrayList<>();
        names.forEach(list::add);
        if (!list.isEmpty()) {
            b.append("\n  ").append(what).append(" (").append(list.size()).append("): ").append(String.join(", ", list));
        }
    }
}
