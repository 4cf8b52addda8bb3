package org.ivit.notebook;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ivit.loss.SimilarityLoss;
import org.ivit.loss.SoftTargetCrossEntropy;
import org.ivit.model.InstructionViT;
import org.ivit.model.VisionTransformer;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.Recipe;
import org.ivit.spec.TuningMode;
import org.ivit.train.ModelFactory;
import org.ivit.train.TrainingStep;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Notebook 01b's walk through Instruction-ViT on a small model: the quick profile's backbone shape
 * with random weights, {@link #CLASSES} classes and a random prompt bank standing in for CLIP
 * features, one batch of random images. Everything runs through the package's own classes (the
 * model, {@link ModelFactory}, the recipe's spec, {@link TrainingStep}); nothing needs a dataset or
 * weights.
 */
public final class MethodTour {
    public static final int CLASSES = 4;
    public static final int PROMPT_DIM = 16;
    public static final int BATCH = 4;

    /** The constant learning rate of the tour's optimizer step (see {@link #spec}). */
    public static final double LR = 1e-3;

    private static final long SEED = 7;

    private MethodTour() {}

    /** One part of the input sequence: positions {@code first..last} (inclusive). */
    public record Segment(
            String part,
            int first,
            int last,
            String madeFrom,
            Shape shape,
            boolean positionEmbedding) {
        public int count() {
            return last - first + 1;
        }
    }

    /**
     * The sequence the transformer reads, [CLS; patches; prompts], and the shape of the output
     * tokens of the real forward pass ({@code outputTokens}), whose length must be the segments'
     * total.
     */
    public record TokenLayout(
            List<Segment> segments, Shape positionEmbedding, Shape promptBank, Shape outputTokens) {
        public int length() {
            return segments.stream().mapToInt(Segment::count).sum();
        }

        public Table table() {
            return Table.create(
                            "Input sequence of a batch of "
                                    + outputTokens.get(0)
                                    + " images (width "
                                    + outputTokens.get(2)
                                    + ")")
                    .addColumns(
                            StringColumn.create("part", segments.stream().map(Segment::part)),
                            StringColumn.create(
                                    "positions",
                                    segments.stream()
                                            .map(
                                                    s ->
                                                            s.first()
                                                                    + (s.count() > 1
                                                                            ? "-" + s.last()
                                                                            : ""))),
                            StringColumn.create(
                                    "shape", segments.stream().map(s -> s.shape().toString())),
                            StringColumn.create(
                                    "made from", segments.stream().map(Segment::madeFrom)),
                            StringColumn.create(
                                    "position embedding",
                                    segments.stream()
                                            .map(s -> s.positionEmbedding() ? "added" : "none")));
        }
    }

    /**
     * The loss terms of one batch (mean over the batch), with the inputs they came from so they can
     * be checked by hand: the head's logits, the similarity logits (100 x cosine) and the labels.
     */
    public record LossReadings(
            double head,
            double similarityPaper,
            double similarityAuthors,
            float[][] headLogits,
            float[][] similarityLogits,
            int[] labels) {
        /**
         * The least value the authors' reading can take with N classes: CE of softmax(s) with all
         * the probability on the target, log(1 + (N - 1) / e), however good the model.
         */
        public double authorsFloor() {
            return Math.log(1 + (similarityLogits[0].length - 1) / Math.E);
        }

        public List<String> lines() {
            return List.of(
                    line("head: CE(head logits)", head),
                    line("similarity, paper: CE(100 x cosine)", similarityPaper),
                    line("similarity, authors: CE(softmax(100 x cosine))", similarityAuthors),
                    line(
                            "  (authors' floor with "
                                    + similarityLogits[0].length
                                    + " classes: log(1 + (N-1)/e))",
                            authorsFloor()),
                    line("total under recipe paper", head + similarityPaper),
                    line("total under recipe authors", head + similarityAuthors));
        }

        private static String line(String what, double v) {
            return String.format(Locale.ROOT, "%-62s %8.4f", what, v);
        }

        @Override
        public String toString() {
            return String.join("\n", lines());
        }
    }

    /**
     * One parameter group (the first part of its timm name) after one optimizer step of {@code
     * recipe} in {@code mode}: whether the run trains it, and the largest absolute change of any
     * element.
     */
    public record MovedRow(
            String group,
            Recipe recipe,
            TuningMode mode,
            long elements,
            boolean trained,
            double maxChange) {
        public boolean moved() {
            return maxChange > 0;
        }

        public String cell() {
            return moved()
                    ? String.format(Locale.ROOT, "moved (%.1e)", maxChange)
                    : trained ? "trains, no change" : "frozen";
        }
    }

    /**
     * The spec of recipe {@code recipe} in {@code mode}: the quick profile's, random weights, a
     * constant lr {@link #LR}.
     */
    public static ExperimentConfig spec(Recipe recipe, TuningMode mode) {
        String why = "MethodTour";
        // constant lr: both recipes' schedules start at 0 (warm-up; the authors' timm lag), so one
        // step would move nothing
        return Profiles.builder(
                        Profiles.QUICK,
                        Profiles.defaultDataset(Profiles.QUICK),
                        Method.INSTRUCTION_VIT,
                        null,
                        "text",
                        mode,
                        recipe)
                .set(why, "backboneWeights", null)
                .set(why, "lr", String.valueOf(LR))
                .set(why, "minLr", String.valueOf(LR))
                .set(why, "warmupEpochs", "0")
                .set(why, "batchSize", String.valueOf(BATCH))
                .set(why, "microBatch", String.valueOf(BATCH))
                .build();
    }

    /**
     * The layout of the sequence, from the model's own embedding, prompt projection and forward
     * pass.
     */
    public static TokenLayout tokenLayout() throws IOException {
        ModelFactory.Built built = build(Recipe.PAPER, TuningMode.FULL);
        try (NDManager m = NDManager.newBaseManager()) {
            InstructionViT ivit = (InstructionViT) built.block();
            VisionTransformer vit = ivit.backbone();
            ParameterStore ps = new ParameterStore(m, false);
            NDArray images = images(m);
            Shape embedded = vit.embed(ps, images, false).getShape();
            NDArray raw = ivit.promptInputs(ps, images, null, false);
            Shape projected =
                    ivit.promptProjection().forward(ps, new NDList(raw), false).head().getShape();
            Shape out = ivit.run(ps, images, null, false, false).tokens().getShape();
            int patches = (int) embedded.get(1) - 1;
            long b = embedded.get(0);
            long width = embedded.get(2);
            int side = vit.config().imageSize() / vit.config().patchSize();
            List<Segment> segments =
                    List.of(
                            new Segment(
                                    "CLS",
                                    0,
                                    0,
                                    "cls_token (learned)",
                                    new Shape(b, 1, width),
                                    true),
                            new Segment(
                                    "patches",
                                    1,
                                    patches,
                                    side
                                            + "x"
                                            + side
                                            + " patches of "
                                            + vit.config().patchSize()
                                            + "x"
                                            + vit.config().patchSize()
                                            + " pixels through patch_embed",
                                    new Shape(b, patches, width),
                                    true),
                            new Segment(
                                    "prompts",
                                    patches + 1,
                                    patches + (int) projected.get(1),
                                    "prompt_token "
                                            + ivit.promptToken().getArray().getShape()
                                            + " (one CLIP feature per class) through prompt_proj",
                                    projected,
                                    false));
            return new TokenLayout(
                    segments,
                    built.parameters().get("pos_embed").getArray().getShape(),
                    ivit.promptToken().getArray().getShape(),
                    out);
        } finally {
            built.model().close();
        }
    }

    /**
     * Head loss and both readings of the similarity loss on the tour's batch, from the model's
     * outputs.
     */
    public static LossReadings losses() throws IOException {
        ModelFactory.Built built = build(Recipe.PAPER, TuningMode.FULL);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = images(m);
            NDArray labels = labels(m);
            NDList out =
                    built.block().forward(new ParameterStore(m, false), new NDList(images), false);
            NDArray head = out.get(0);
            NDArray similarity = out.get(1);
            return new LossReadings(
                    SoftTargetCrossEntropy.of(head, labels).getFloat(),
                    SimilarityLoss.PAPER.of(similarity, labels).getFloat(),
                    SimilarityLoss.AUTHORS.of(similarity, labels).getFloat(),
                    rows(head),
                    rows(similarity),
                    labels.toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray());
        } finally {
            built.model().close();
        }
    }

    /**
     * One optimizer step ({@link TrainingStep}) of each recipe in each mode, from the same start; a
     * row per group and run.
     */
    public static List<MovedRow> oneStepEach() throws IOException, TranslateException {
        List<MovedRow> rows = new ArrayList<>();
        for (Recipe recipe : Recipe.values()) {
            for (TuningMode mode : List.of(TuningMode.FULL, TuningMode.PROMPT)) {
                rows.addAll(oneStep(recipe, mode));
            }
        }
        return rows;
    }

    /**
     * One optimizer step of {@code recipe} in {@code mode}: each parameter group's largest change.
     */
    public static List<MovedRow> oneStep(Recipe recipe, TuningMode mode)
            throws IOException, TranslateException {
        ExperimentConfig cfg = spec(recipe, mode);
        ModelFactory.Built built = ModelFactory.build(cfg, CLASSES, promptBank(), PROMPT_DIM, null);
        Map<String, float[]> before = new LinkedHashMap<>();
        built.parameters().forEach((name, p) -> before.put(name, p.getArray().toFloatArray()));
        try (NDManager m = NDManager.newBaseManager();
                TrainingStep step = new TrainingStep(cfg, built, 1)) {
            NDArray images = images(m);
            NDArray labels = labels(m);
            TrainingStep.Outcome outcome = step.run(feed -> feed.accept(images, labels));
            if (!outcome.applied()) {
                throw new IllegalStateException(
                        "the tour's step under "
                                + recipe
                                + "/"
                                + mode
                                + " was skipped: loss "
                                + outcome.loss());
            }
            Map<String, MovedRow> groups = new LinkedHashMap<>();
            built.parameters()
                    .forEach(
                            (name, p) -> {
                                String group = group(name);
                                float[] now = p.getArray().toFloatArray();
                                float[] was = before.get(name);
                                double change = 0;
                                for (int i = 0; i < now.length; i++) {
                                    change = Math.max(change, Math.abs((double) now[i] - was[i]));
                                }
                                MovedRow previous = groups.get(group);
                                boolean trained = p.requiresGradient();
                                groups.put(
                                        group,
                                        previous == null
                                                ? new MovedRow(
                                                        group,
                                                        recipe,
                                                        mode,
                                                        now.length,
                                                        trained,
                                                        change)
                                                : new MovedRow(
                                                        group,
                                                        recipe,
                                                        mode,
                                                        previous.elements() + now.length,
                                                        previous.trained() || trained,
                                                        Math.max(previous.maxChange(), change)));
                            });
            return List.copyOf(groups.values());
        } finally {
            built.model().close();
        }
    }

    /** Parameter group x recipe/mode: "moved (largest absolute change)" or "frozen". */
    public static Table movedTable(List<MovedRow> rows) {
        List<String> groups = rows.stream().map(MovedRow::group).distinct().toList();
        List<String> runs =
                rows.stream().map(r -> r.recipe() + " / " + r.mode().id()).distinct().toList();
        Table t =
                Table.create(
                                "After one optimizer step (TrainingStep, lr "
                                        + LR
                                        + "): moved (largest |change|) or frozen")
                        .addColumns(
                                StringColumn.create("parameter group", groups),
                                StringColumn.create(
                                        "elements",
                                        groups.stream()
                                                .map(
                                                        g ->
                                                                String.valueOf(
                                                                        rows.stream()
                                                                                .filter(
                                                                                        r ->
                                                                                                r.group()
                                                                                                        .equals(
                                                                                                                g))
                                                                                .findFirst()
                                                                                .orElseThrow()
                                                                                .elements()))));
        for (String run : runs) {
            t.addColumns(
                    StringColumn.create(
                            run,
                            groups.stream()
                                    .map(
                                            g ->
                                                    rows.stream()
                                                            .filter(
                                                                    r ->
                                                                            r.group().equals(g)
                                                                                    && (r.recipe()
                                                                                                    + " / "
                                                                                                    + r.mode()
                                                                                                            .id())
                                                                                            .equals(
                                                                                                    run))
                                                            .findFirst()
                                                            .map(MovedRow::cell)
                                                            .orElse(""))));
        }
        return t;
    }

    /** The group of a timm name: its first part, with the transformer blocks as one group. */
    static String group(String name) {
        int dot = name.indexOf('.');
        String first = dot < 0 ? name : name.substring(0, dot);
        return first.equals("blocks") ? "blocks.*" : dot < 0 ? first : first + ".*";
    }

    private static ModelFactory.Built build(Recipe recipe, TuningMode mode) throws IOException {
        return ModelFactory.build(spec(recipe, mode), CLASSES, promptBank(), PROMPT_DIM, null);
    }

    /** The random stand-in for CLIP features, (CLASSES, PROMPT_DIM). */
    static float[] promptBank() {
        Random r = new Random(SEED);
        float[] bank = new float[CLASSES * PROMPT_DIM];
        for (int i = 0; i < bank.length; i++) {
            bank[i] = (float) r.nextGaussian();
        }
        return bank;
    }

    /** BATCH random 32x32 RGB images. */
    static NDArray images(NDManager m) {
        Random r = new Random(SEED + 1);
        int size = spec(Recipe.PAPER, TuningMode.FULL).data().imageSize();
        float[] pixels = new float[BATCH * 3 * size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) r.nextGaussian();
        }
        return m.create(pixels, new Shape(BATCH, 3, size, size));
    }

    /** Labels 0, 1, ..., one per image, modulo the class count. */
    static NDArray labels(NDManager m) {
        long[] labels = new long[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = i % CLASSES;
        }
        return m.create(labels);
    }

    private static float[][] rows(NDArray a) {
        int n = (int) a.getShape().get(0);
        int c = (int) a.getShape().get(1);
        float[] flat = a.toFloatArray();
        float[][] out = new float[n][c];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * c, out[i], 0, c);
        }
        return out;
    }
}
