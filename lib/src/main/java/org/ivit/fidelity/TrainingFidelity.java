package org.ivit.fidelity;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ivit.model.VitConfig;
import org.ivit.spec.ExperimentConfig;
import org.ivit.train.ModelFactory;
import org.ivit.train.TrainingStep;

/**
 * Replays each recorded PyTorch training trajectory of the training references with the package's
 * own training step ({@link TrainingStep}: its model, loss, trainable parameters, accumulation,
 * Adam and schedule, built from the spec of the scenario's recipe) from the recorded initial
 * weights on the recorded batches, and compares every recorded quantity: the lr of each step, the
 * loss and its parts, the gradient norm, the final weights (max- and l2-metric of the change, the
 * attention key bias apart, as the references' README says), the trained set, and the frozen
 * tensors (bit-identical).
 */
public final class TrainingFidelity {
    /**
     * |diff| allowed for each step's lr: the recorded values are exact doubles of the same formula.
     */
    static final double LR_TOLERANCE = 1e-15;

    /**
     * Relative difference allowed for the sum of each step's inputs (both sums of the same float32
     * values in double).
     */
    static final double INPUT_SUM_TOLERANCE = 1e-9;

    /**
     * The key bias's true gradient is 0; Adam turns its float32 noise into steps of about lr: at
     * most this many lr per step.
     */
    static final double KEY_BIAS_STEPS_OF_LR = 3;

    private TrainingFidelity() {}

    /** Every scenario in {@code dir}, in name order. */
    public static List<Comparison> compare(Path dir) throws IOException {
        List<Comparison> out = new ArrayList<>();
        for (TrainingScenario s : TrainingScenario.all(dir)) {
            out.addAll(compare(s));
        }
        return out;
    }

    /** One scenario, e.g. {@code authors-full}. */
    public static List<Comparison> compare(Path dir, String scenario) throws IOException {
        return compare(TrainingScenario.named(dir, scenario));
    }

    private static List<Comparison> compare(TrainingScenario s) throws IOException {
        return compare(s, java.util.function.UnaryOperator.identity());
    }

    /** One scenario trained with a changed spec: how the tests show that a wrong recipe fails. */
    static List<Comparison> compare(
            Path dir, String scenario, java.util.function.UnaryOperator<ExperimentConfig> change)
            throws IOException {
        return compare(TrainingScenario.named(dir, scenario), change);
    }

    private static List<Comparison> compare(
            TrainingScenario s, java.util.function.UnaryOperator<ExperimentConfig> change)
            throws IOException {
        ExperimentConfig cfg = change.apply(s.spec());
        VitConfig vit = s.vit();
        List<Comparison> out = new ArrayList<>();
        ModelFactory.Built built = ModelFactory.build(cfg, vit, s.promptDim(), s.initFiles());
        Map<String, float[]> initial = new LinkedHashMap<>();
        built.parameters().forEach((name, p) -> initial.put(name, p.getArray().toFloatArray()));
        out.add(trainedSet(s, built));
        try (Model model = built.model();
                TrainingStep step = new TrainingStep(cfg, built, s.stepsPerEpoch())) {
            out.addAll(replay(s, vit, step));
            out.addAll(finalWeights(s, vit, built, initial, maxLr(s)));
        } catch (TranslateException e) {
            throw new IOException(s.name() + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The names the package trains against the scenario's {@code trained}: the count that differ.
     */
    private static Comparison trainedSet(TrainingScenario s, ModelFactory.Built built) {
        Set<String> ours = new TreeSet<>();
        built.parameters()
                .forEach(
                        (name, p) -> {
                            if (p.requiresGradient()) {
                                ours.add(name);
                            }
                        });
        Set<String> theirs = new TreeSet<>(s.names("trained"));
        Set<String> differ = new TreeSet<>(ours);
        differ.addAll(theirs);
        Set<String> both = new TreeSet<>(ours);
        both.retainAll(theirs);
        differ.removeAll(both);
        return new Comparison(
                s.name(),
                "trained tensors, names differing" + (differ.isEmpty() ? "" : " " + differ),
                differ.size(),
                0);
    }

    private static List<Comparison> replay(TrainingScenario s, VitConfig vit, TrainingStep step)
            throws IOException, TranslateException {
        ReferenceTensors batches = new ReferenceTensors(s.file("batches"));
        ReferenceTensors dataset = new ReferenceTensors(s.file("dataset"));
        long[] index = batches.longs("index");
        // soft targets where the recipe makes them (Mixup, label smoothing), else the hard labels
        boolean soft = batches.names().contains("targets");
        float[] targets = soft ? batches.floats("targets") : null;
        long[] labels = batches.longs("labels");
        int steps = s.steps();
        int batch = (int) batches.shape("index")[1];
        int classes = s.vit().classes();
        if (index.length < (long) steps * batch) {
            throw new IOException(
                    s.file("batches")
                            + ": index has "
                            + index.length
                            + " rows, "
                            + steps
                            + " steps of "
                            + batch
                            + " need more");
        }
        int image = vit.channels() * vit.imageSize() * vit.imageSize();
        float[] inputs =
                s.has("inputs") ? new ReferenceTensors(s.file("inputs")).floats("inputs") : null;
        float[] images = inputs == null ? dataset.floats("images") : null;
        int micro = s.batching().get("micro_batch").getAsInt();
        int accumulation = batch / micro;
        double lr = 0, loss = 0, head = 0, similarity = 0, norm = 0, inputSum = 0;
        boolean parts = s.instructionVit();
        for (int k = 0; k < steps; k++) {
            float[] x = new float[batch * image];
            for (int b = 0; b < batch; b++) {
                if (inputs != null) {
                    System.arraycopy(inputs, (k * batch + b) * image, x, b * image, image);
                } else {
                    System.arraycopy(
                            images, (int) index[k * batch + b] * image, x, b * image, image);
                }
            }
            int current = k;
            JsonObject rec = s.step(k);
            inputSum = Math.max(inputSum, relative(sum(x), rec.get("input_sum").getAsDouble()));
            try (NDManager manager = step.trainer().getManager().newSubManager()) {
                TrainingStep.Outcome o =
                        step.run(
                                feed -> {
                                    for (int m = 0; m < accumulation; m++) {
                                        float[] xm = new float[micro * image];
                                        System.arraycopy(
                                                x, m * micro * image, xm, 0, micro * image);
                                        int first = current * batch + m * micro;
                                        NDArray y;
                                        if (soft) {
                                            float[] ym = new float[micro * classes];
                                            System.arraycopy(
                                                    targets,
                                                    first * classes,
                                                    ym,
                                                    0,
                                                    micro * classes);
                                            y = manager.create(ym, new Shape(micro, classes));
                                        } else {
                                            y =
                                                    manager.create(
                                                            java.util.Arrays.copyOfRange(
                                                                    labels, first, first + micro),
                                                            new Shape(micro));
                                        }
                                        feed.accept(
                                                manager.create(
                                                        xm,
                                                        new Shape(
                                                                micro,
                                                                vit.channels(),
                                                                vit.imageSize(),
                                                                vit.imageSize())),
                                                y);
                                    }
                                });
                if (!o.applied()) {
                    throw new IllegalStateException(
                            s.name()
                                    + " step "
                                    + k
                                    + ": the package skipped it (non-finite loss or gradient)");
                }
                lr = Math.max(lr, Math.abs(o.lr() - rec.get("lr").getAsDouble()));
                loss = Math.max(loss, relative(o.loss(), rec.get("loss").getAsDouble()));
                norm =
                        Math.max(
                                norm,
                                relative(o.gradientNorm(), rec.get("grad_norm").getAsDouble()));
                if (parts) {
                    head =
                            Math.max(
                                    head,
                                    relative(o.terms()[0], rec.get("loss_head").getAsDouble()));
                    similarity =
                            Math.max(
                                    similarity,
                                    relative(
                                            o.terms()[1],
                                            rec.get("loss_similarity").getAsDouble()));
                }
            }
        }
        List<Comparison> out = new ArrayList<>();
        out.add(new Comparison(s.name(), "input sum, rel", inputSum, INPUT_SUM_TOLERANCE));
        out.add(new Comparison(s.name(), "lr, |diff|", lr, LR_TOLERANCE));
        out.add(new Comparison(s.name(), "loss, rel", loss, s.tolerance("loss_rel")));
        if (parts) {
            out.add(new Comparison(s.name(), "loss_head, rel", head, s.tolerance("loss_rel")));
            out.add(
                    new Comparison(
                            s.name(), "loss_similarity, rel", similarity, s.tolerance("loss_rel")));
        }
        out.add(new Comparison(s.name(), "grad_norm, rel", norm, s.tolerance("grad_norm_rel")));
        return out;
    }

    /**
     * The final weights: per trained tensor (attn.qkv.bias as its [q] and [v] thirds) the max- and
     * l2-metric of the change against the reference's; the key bias [k] only as |change| against
     * steps x lr; every frozen tensor bit-identical to its initial value.
     */
    private static List<Comparison> finalWeights(
            TrainingScenario s,
            VitConfig vit,
            ModelFactory.Built built,
            Map<String, float[]> initial,
            double maxLr)
            throws IOException {
        ReferenceTensors finals = new ReferenceTensors(s.file("final"));
        double maxMetric = 0, l2Metric = 0, keyBias = 0, frozen = 0;
        String worstMax = "-", worstL2 = "-", worstFrozen = "";
        int d = vit.width();
        for (String name : s.names("trained")) {
            Parameter p = built.parameters().get(name);
            if (p == null) {
                throw new IOException(
                        s.name() + ": the package's model has no parameter '" + name + "'");
            }
            float[] ours = p.getArray().toFloatArray();
            float[] start = initial.get(name);
            float[] ref = finals.floats(name);
            if (ref.length != ours.length) {
                throw new IOException(
                        s.name()
                                + ": "
                                + name
                                + " has "
                                + ref.length
                                + " values in "
                                + s.file("final")
                                + ", "
                                + ours.length
                                + " here");
            }
            List<int[]> pieces = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            if (name.endsWith("attn.qkv.bias")) {
                pieces.add(new int[] {0, d});
                labels.add(name + "[q]");
                pieces.add(new int[] {2 * d, 3 * d});
                labels.add(name + "[v]");
                for (int i = d; i < 2 * d; i++) {
                    keyBias =
                            Math.max(
                                    keyBias,
                                    Math.abs((double) ours[i] - start[i]) / (s.steps() * maxLr));
                }
            } else {
                pieces.add(new int[] {0, ours.length});
                labels.add(name);
            }
            for (int i = 0; i < pieces.size(); i++) {
                double[] m = metrics(ours, ref, start, pieces.get(i)[0], pieces.get(i)[1]);
                if (m[0] > maxMetric) {
                    maxMetric = m[0];
                    worstMax = labels.get(i);
                }
                if (m[1] > l2Metric) {
                    l2Metric = m[1];
                    worstL2 = labels.get(i);
                }
            }
        }
        for (String name : s.names("frozen")) {
            float[] ours = built.parameters().get(name).getArray().toFloatArray();
            float[] start = initial.get(name);
            for (int i = 0; i < ours.length; i++) {
                double diff = Math.abs((double) ours[i] - start[i]);
                if (Float.floatToRawIntBits(ours[i]) != Float.floatToRawIntBits(start[i])
                        && diff >= frozen) {
                    frozen = Math.max(diff, Double.MIN_VALUE);
                    worstFrozen = " (" + name + ")";
                }
            }
        }
        List<Comparison> out = new ArrayList<>();
        out.add(
                new Comparison(
                        s.name(),
                        "final max-metric (worst " + worstMax + ")",
                        maxMetric,
                        s.tolerance("final_delta_max_metric")));
        out.add(
                new Comparison(
                        s.name(),
                        "final l2-metric (worst " + worstL2 + ")",
                        l2Metric,
                        s.tolerance("final_delta_l2_metric")));
        out.add(
                new Comparison(
                        s.name(),
                        "key bias |change| / (steps x max lr)",
                        keyBias,
                        KEY_BIAS_STEPS_OF_LR));
        out.add(new Comparison(s.name(), "frozen tensors, max |change|" + worstFrozen, frozen, 0));
        return out;
    }

    /**
     * max|d_ours - d_ref| / max|d_ref| and ||d_ours - d_ref|| / ||d_ref|| over [from, to), d =
     * final - initial.
     */
    static double[] metrics(float[] ours, float[] ref, float[] start, int from, int to) {
        double maxDiff = 0, maxRef = 0, sqDiff = 0, sqRef = 0;
        for (int i = from; i < to; i++) {
            double dOurs = (double) ours[i] - start[i];
            double dRef = (double) ref[i] - start[i];
            double diff = dOurs - dRef;
            maxDiff = Math.max(maxDiff, Math.abs(diff));
            maxRef = Math.max(maxRef, Math.abs(dRef));
            sqDiff += diff * diff;
            sqRef += dRef * dRef;
        }
        if (maxRef == 0) {
            // the reference did not move it: any change of ours is a failure of its own size
            return new double[] {
                maxDiff == 0 ? 0 : Double.POSITIVE_INFINITY,
                maxDiff == 0 ? 0 : Double.POSITIVE_INFINITY
            };
        }
        return new double[] {maxDiff / maxRef, Math.sqrt(sqDiff / sqRef)};
    }

    private static double maxLr(TrainingScenario s) {
        double lr = 0;
        for (int k = 0; k < s.steps(); k++) {
            lr = Math.max(lr, s.step(k).get("lr").getAsDouble());
        }
        return lr;
    }

    private static double sum(float[] x) {
        double total = 0;
        for (float v : x) {
            total += v;
        }
        return total;
    }

    private static double relative(double ours, double ref) {
        return ref == 0 ? Math.abs(ours) : Math.abs(ours - ref) / Math.abs(ref);
    }
}
