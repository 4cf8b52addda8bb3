package org.ivit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ivit.spec.Recipe;
import org.ivit.spec.TuningMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What notebook 01b shows about the method, checked against the recipes' definitions and hand
 * computations.
 */
class MethodTourTest {
    private static List<MethodTour.MovedRow> steps;

    @BeforeAll
    static void oneStepOfEachRecipeAndMode() throws Exception {
        steps = MethodTour.oneStepEach();
    }

    private static Set<String> moved(Recipe recipe, TuningMode mode) {
        return steps.stream()
                .filter(r -> r.recipe() == recipe && r.mode() == mode && r.moved())
                .map(MethodTour.MovedRow::group)
                .collect(Collectors.toSet());
    }

    @Test
    void authorsPromptTuningMovesOnlyTheHead() {
        assertEquals(Set.of("head.*"), moved(Recipe.AUTHORS, TuningMode.PROMPT));
    }

    @Test
    void paperPromptTuningMovesTheHeadAndThePromptProjection() {
        assertEquals(Set.of("head.*", "prompt_proj.*"), moved(Recipe.PAPER, TuningMode.PROMPT));
    }

    @Test
    void fullFineTuningMovesEverythingButThePromptTokensUnderBothRecipes() {
        Set<String> all =
                steps.stream().map(MethodTour.MovedRow::group).collect(Collectors.toSet());
        assertTrue(
                all.containsAll(
                        Set.of(
                                "cls_token",
                                "pos_embed",
                                "patch_embed.*",
                                "blocks.*",
                                "norm.*",
                                "head.*",
                                "prompt_token",
                                "prompt_proj.*")),
                all.toString());
        // the authors' full mode trains prompt_proj too (everything but prompt_token): only the
        // prompt-mode rows differ
        for (Recipe recipe : Recipe.values()) {
            Set<String> expected = new java.util.HashSet<>(all);
            expected.remove("prompt_token");
            assertEquals(expected, moved(recipe, TuningMode.FULL), recipe.id());
        }
    }

    @Test
    void thePromptTokensNeverTrainNorMove() {
        steps.stream()
                .filter(r -> r.group().equals("prompt_token"))
                .forEach(
                        r -> {
                            assertFalse(r.trained(), r.toString());
                            assertEquals(0.0, r.maxChange(), r.toString());
                        });
        assertEquals(4, steps.stream().filter(r -> r.group().equals("prompt_token")).count());
    }

    @Test
    void aFrozenGroupIsOneTheRunDoesNotTrain() {
        // Adam's first step moves every trained element by about lr (m / sqrt(v) = +-1)
        for (MethodTour.MovedRow r : steps) {
            assertEquals(r.trained(), r.moved(), r.toString());
            assertTrue(r.maxChange() <= MethodTour.LR * 1.001, r.toString());
        }
    }

    @Test
    void theSequenceIsClsThenPatchesThenPromptsAndOnlyTheFirstTwoHavePositions() throws Exception {
        MethodTour.TokenLayout layout = MethodTour.tokenLayout();
        // the quick backbone: 32x32 images in 8x8 patches: 16 patches, width 128
        assertEquals(
                List.of(1, 16, MethodTour.CLASSES),
                layout.segments().stream().map(MethodTour.Segment::count).toList());
        assertEquals(new Shape(1, 17, 128), layout.positionEmbedding());
        assertEquals(
                new Shape(MethodTour.BATCH, 1 + 16 + MethodTour.CLASSES, 128),
                layout.outputTokens());
        assertEquals(new Shape(MethodTour.CLASSES, MethodTour.PROMPT_DIM), layout.promptBank());
        assertEquals(
                List.of(true, true, false),
                layout.segments().stream().map(MethodTour.Segment::positionEmbedding).toList());
        assertEquals(layout.outputTokens().get(1), layout.length());
    }

    @Test
    void theThreeLossesAgreeWithAHandComputationFromTheModelsOutputs() throws Exception {
        MethodTour.LossReadings r = MethodTour.losses();
        double head = 0;
        double paper = 0;
        double authors = 0;
        int n = r.labels().length;
        for (int b = 0; b < n; b++) {
            head += -logSoftmax(toDouble(r.headLogits()[b]))[r.labels()[b]];
            double[] s = toDouble(r.similarityLogits()[b]);
            paper += -logSoftmax(s)[r.labels()[b]];
            authors += -logSoftmax(softmax(s))[r.labels()[b]];
        }
        assertEquals(head / n, r.head(), 1e-5);
        assertEquals(paper / n, r.similarityPaper(), 1e-4);
        assertEquals(authors / n, r.similarityAuthors(), 1e-5);
        // the similarity logits are 100 x cosine: within [-100, 100]
        for (float[] row : r.similarityLogits()) {
            for (float v : row) {
                assertTrue(Math.abs(v) <= 100.001f, String.valueOf(v));
            }
        }
        // the double softmax is bounded: between log(1 + (N-1)/e) and log(1 + (N-1) e)
        double floor = Math.log(1 + (MethodTour.CLASSES - 1) / Math.E);
        assertEquals(floor, r.authorsFloor(), 1e-12);
        assertTrue(
                r.similarityAuthors() >= floor - 1e-6
                        && r.similarityAuthors()
                                <= Math.log(1 + (MethodTour.CLASSES - 1) * Math.E) + 1e-6);
    }

    @Test
    void theDoubleSoftmaxOfATinyCaseByHand() {
        // two classes, logits (2, 0), target 0: softmax = (e^2, 1)/(e^2 + 1) = (p, 1 - p); CE =
        // -log(e^p / (e^p + e^(1-p)))
        double p = Math.exp(2) / (Math.exp(2) + 1);
        double expected = Math.log(1 + Math.exp(1 - 2 * p));
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            float got =
                    org.ivit.loss.SimilarityLoss.AUTHORS
                            .of(
                                    m.create(new float[] {2, 0}, new Shape(1, 2)),
                                    m.create(new long[] {0}))
                            .getFloat();
            assertEquals(expected, got, 1e-6);
        }
    }

    @Test
    void parameterGroupsAreTheFirstPartOfTheTimmName() {
        assertEquals("blocks.*", MethodTour.group("blocks.3.attn.qkv.weight"));
        assertEquals("prompt_proj.*", MethodTour.group("prompt_proj.weight"));
        assertEquals("prompt_token", MethodTour.group("prompt_token"));
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double[] softmax(double[] x) {
        double max = java.util.Arrays.stream(x).max().orElseThrow();
        double sum = java.util.Arrays.stream(x).map(v -> Math.exp(v - max)).sum();
        return java.util.Arrays.stream(x).map(v -> Math.exp(v - max) / sum).toArray();
    }

    private static double[] logSoftmax(double[] x) {
        double max = java.util.Arrays.stream(x).max().orElseThrow();
        double log = max + Math.log(java.util.Arrays.stream(x).map(v -> Math.exp(v - max)).sum());
        return java.util.Arrays.stream(x).map(v -> v - log).toArray();
    }
}
