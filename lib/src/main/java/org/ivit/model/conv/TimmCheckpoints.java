package org.ivit.model.conv;

import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ivit.io.DType;
import org.ivit.model.NamedParameters;
import org.ivit.model.StrictWeightLoader;
import org.ivit.model.TimmClassifier;
import org.ivit.model.TimmWeights;

/**
 * Strict loading of timm-named safetensors checkpoints into CNNs with BatchNorm: the CNN family's
 * {@link #BATCH_NORM_CNN} expectations for the project's one strict loader, {@link
 * StrictWeightLoader}.
 *
 * <p>The checkpoint must hold exactly {@link #expectedTensors}: every parameter and BatchNorm
 * buffer of the model with its shape (float tensors of any float dtype, read as float32), and for
 * each BatchNorm {@code X} optionally {@code X.num_batches_tracked} (I64, shape {@code []}), which
 * is accepted and ignored. Everything else (a missing tensor, an unexpected one, a shape or dtype
 * that differs) is reported in one {@link WeightMismatchException}, and nothing is copied.
 */
public final class TimmCheckpoints {
    static final String BATCHES_TRACKED = "num_batches_tracked";

    private TimmCheckpoints() {}

    /**
     * The CNN family's expectations for {@link StrictWeightLoader}: parameters and BatchNorm
     * buffers in any float dtype with their shapes, and for each BatchNorm {@code X} an optional
     * {@code X.num_batches_tracked} (I64 {@code []}), accepted and never loaded.
     */
    public static final StrictWeightLoader.Expectations BATCH_NORM_CNN =
            new StrictWeightLoader.Expectations() {
                @Override
                public Map<String, TensorSpec> tensors(Map<String, Parameter> parameters) {
                    Map<String, TensorSpec> out = new LinkedHashMap<>();
                    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                        out.put(
                                e.getKey(),
                                TensorSpec.of(DType.F32, e.getValue().getShape().getShape()));
                        if (e.getValue().getType() == Parameter.Type.RUNNING_VAR) {
                            String bn =
                                    e.getKey()
                                            .substring(
                                                    0,
                                                    e.getKey().length() - "running_var".length());
                            out.put(bn + BATCHES_TRACKED, TensorSpec.of(DType.I64));
                        }
                    }
                    return out;
                }

                @Override
                public boolean isBookkeeping(String name) {
                    return name.endsWith("." + BATCHES_TRACKED);
                }

                @Override
                public boolean fits(String name, TensorSpec found, TensorSpec want) {
                    boolean dtypeFits =
                            isBookkeeping(name)
                                    ? found.dtype() == DType.I64
                                    : found.dtype().isFloating();
                    return dtypeFits && found.shape().equals(want.shape());
                }

                @Override
                public String describe(TensorSpec spec) {
                    return spec.toString();
                }

                @Override
                public String hint(
                        String name, TensorSpec found, TensorSpec want, boolean reinitializing) {
                    boolean classifier =
                            name.equals("fc.weight") || name.equals("classifier.weight");
                    if (classifier
                            && !reinitializing
                            && !found.shape().isEmpty()
                            && !want.shape().isEmpty()
                            && !found.shape().get(0).equals(want.shape().get(0))) {
                        return " (the checkpoint's classifier has "
                                + found.shape().get(0)
                                + " classes, the model "
                                + want.shape().get(0)
                                + "; ask to re-initialise the classifier to fine-tune on another class count)";
                    }
                    return "";
                }

                @Override
                public String mismatchLabel() {
                    return "shape or dtype mismatch";
                }
            };

    /**
     * Every tensor of a timm {@code state_dict()} of this model, in the model's order: parameters
     * and BatchNorm buffers as F32 with their shapes, and {@code X.num_batches_tracked} as I64
     * {@code []} after each BatchNorm {@code X}. Needs no initialised weights: the shapes are fixed
     * at construction.
     */
    public static Map<String, TensorSpec> expectedTensors(NamedParameters model) {
        return BATCH_NORM_CNN.tensors(model.namedParameters());
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
     * the classifier ({@link TimmClassifier#classifierPrefix()}) keeps its fresh initialisation
     * when the checkpoint's differs in shape (another class count) or is absent.
     */
    public static List<String> load(
            TimmClassifier model, Path weights, boolean reinitializeClassifier) throws IOException {
        return TimmWeights.load(model, weights, reinitializeClassifier);
    }
}
