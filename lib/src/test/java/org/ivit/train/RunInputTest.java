package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.ivit.prompt.PromptBank;
import org.ivit.prompt.PromptBankRecipe;
import org.ivit.prompt.PromptKind;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.TuningMode;
import org.junit.jupiter.api.Test;

class RunInputTest {
    private final ExperimentConfig ivit =
            SyntheticRuns.config(Method.INSTRUCTION_VIT, "text", TuningMode.FULL);

    @Test
    void aMethodWithPromptsIsRefusedWithoutThem() {
        try (NDManager m = NDManager.newBaseManager()) {
            RunData data = SyntheticRuns.data(m, 16);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    RunInput.withoutPrompts(
                                            ivit, data, null, SyntheticRuns.provenance()));
            assertTrue(
                    e.getMessage().contains("the instruction-vit run on " + ivit.dataset())
                            && e.getMessage().contains("prompt features"),
                    e.getMessage());
            // the baselines train without them
            ExperimentConfig vit = SyntheticRuns.config(Method.VIT, null, TuningMode.FULL);
            assertEquals(
                    null,
                    RunInput.withoutPrompts(vit, data, null, SyntheticRuns.provenance()).prompts());
        }
    }

    @Test
    void promptRowsMustBeOnePerClass() {
        try (NDManager m = NDManager.newBaseManager()) {
            RunData data = SyntheticRuns.data(m, 16);
            PromptFeatures three =
                    new PromptFeatures(
                            new float[3 * SyntheticRuns.PROMPT_DIM], SyntheticRuns.PROMPT_DIM);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    new RunInput(
                                            ivit, data, three, null, SyntheticRuns.provenance()));
            assertTrue(
                    e.getMessage().contains("3 prompt rows for the 4 classes of " + ivit.dataset()),
                    e.getMessage());
        }
    }

    @Test
    void promptFeaturesAreWholeRows() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> new PromptFeatures(new float[10], 4));
        assertTrue(e.getMessage().contains("10 values are not whole rows of 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PromptFeatures(new float[0], 4));
        assertEquals(3, new PromptFeatures(new float[12], 4).rows());
    }

    @Test
    void aPromptBankIsFlattenedRowAfterRowInLabelOrder() {
        PromptBankRecipe recipe =
                new PromptBankRecipe(
                        "x",
                        List.of("a", "b"),
                        "-",
                        "-",
                        "-",
                        PromptKind.TEXT,
                        "none",
                        List.of("{}"),
                        null,
                        0,
                        List.of());
        PromptFeatures features =
                PromptFeatures.of(new PromptBank(recipe, new float[][] {{1, 2, 3}, {4, 5, 6}}));
        assertEquals(3, features.dim());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, features.values());
    }
}
