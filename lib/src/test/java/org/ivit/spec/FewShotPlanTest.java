package org.ivit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The presets' few-shot plans: rows, k, epochs per k, batches no larger than the subset. */
class FewShotPlanTest {
    @Test
    void theQuickPlanRunsVptAndTextAtOneAndSixteenShotsOnFashionMnist() {
        FewShotPlan plan = FewShotPlan.of(Profiles.QUICK);
        assertEquals(List.of(1, 16), plan.shots());
        assertEquals(
                List.of(
                        new FewShotPlan.Row(Method.VPT, null),
                        new FewShotPlan.Row(Method.INSTRUCTION_VIT, "text")),
                plan.rows());
        List<ExperimentConfig> runs = plan.runs("fashion_mnist");
        assertEquals(4, runs.size());
        assertEquals(
                List.of(),
                plan.runs("caltech101"),
                "the quick few-shot table is Fashion-MNIST only");
        ExperimentConfig oneShot = runs.get(0);
        assertEquals(3, oneShot.table());
        assertEquals(1, oneShot.data().shots());
        assertEquals(0, oneShot.data().trainLimit());
        assertEquals(TuningMode.PROMPT, oneShot.mode());
        assertEquals(10, oneShot.schedule().batchSize(), "k x classes = 10 images, one batch");
        assertEquals(
                128,
                oneShot.schedule().microBatch(),
                "the quick micro-batch, which evaluation uses");
        assertEquals(10, oneShot.schedule().epochs());
        assertEquals(1e-3, oneShot.schedule().lr(), "the quick prompt-mode rule still applies");
        assertEquals(32, runs.get(1).schedule().batchSize(), "k = 16: 160 images, batches of 32");
        assertEquals(1234, oneShot.seed());
        SpecException noEpochs =
                assertThrows(
                        SpecException.class,
                        () -> plan.config("fashion_mnist", plan.rows().get(0), 8, null));
        assertTrue(
                noEpochs.getMessage().contains("fewShot.epochs")
                        && noEpochs.getMessage().contains("k = 8"),
                noEpochs.getMessage());
        assertEquals(
                List.of(1235, 1235, 1235, 1235, 1236, 1236, 1236, 1236),
                plan.runs("fashion_mnist", List.of(1235, 1236)).stream()
                        .map(ExperimentConfig::seed)
                        .toList());
    }

    @Test
    void thePaperPlanHasFourRowsFiveKAndCoopsEpochs() {
        FewShotPlan plan = FewShotPlan.of(Profiles.PAPER);
        assertEquals(List.of(1, 2, 4, 8, 16), plan.shots());
        assertEquals(4, plan.rows().size());
        List<ExperimentConfig> runs =
                Profiles.reproduce(
                        Profiles.PAPER, List.of(3), Profiles.defaultDatasets(Profiles.PAPER));
        assertEquals(80, runs.size());
        assertTrue(
                runs.stream()
                        .allMatch(
                                c ->
                                        c.table() == 3
                                                && c.mode() == TuningMode.PROMPT
                                                && c.data().shots() > 0));
        assertEquals(
                List.of(50, 100, 100, 200, 200),
                runs.subList(0, 5).stream().map(c -> c.schedule().epochs()).toList());
        // Caltech-101 has 100 classes: even k = 1 fills batches of 32; Stanford Cars keeps CoOp's
        // epochs, not the paper's 100
        assertEquals(32, runs.get(0).schedule().batchSize());
        assertEquals(
                List.of(50, 100, 100, 200, 200),
                runs.stream()
                        .filter(c -> c.dataset().equals("stanford_cars"))
                        .limit(5)
                        .map(c -> c.schedule().epochs())
                        .toList());
        assertEquals(80, runs.stream().map(ExperimentConfig::newRunId).distinct().count());
    }
}
