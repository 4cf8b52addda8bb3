package org.ivit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.FewShotPlan;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.TuningMode;
import org.ivit.train.FewShotSubset;
import org.ivit.train.RunMetrics;
import org.ivit.train.RunProvenance;
import org.ivit.train.RunSummary;
import org.junit.jupiter.api.Test;

/**
 * The notebooks' shared calls: datasets per table, readiness lines and run lines as the notebooks
 * printed them.
 */
class QuickSessionTest {
    @Test
    void eachTableRunsOnItsDatasets() {
        assertEquals(Profiles.defaultDatasets("quick"), QuickSession.of("quick", 1).datasets());
        FewShotPlan plan = FewShotPlan.of("paper");
        assertEquals(
                Profiles.defaultDatasets("paper").stream().filter(plan::covers).toList(),
                QuickSession.of("paper", FewShotPlan.TABLE).datasets());
        assertEquals(
                List.of("oxford_pets"),
                QuickSession.of("paper", 2).on(List.of("oxford_pets")).datasets());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> QuickSession.of("quick", 4));
        assertTrue(e.getMessage().contains("table 4"), e.getMessage());
    }

    @Test
    void linesReadAsTheNotebooksPrintedThem() {
        assertEquals(
                "fashion_mnist: prepared",
                new QuickSession.Readiness("fashion_mnist", true, "x").toString());
        assertEquals(
                "oxford_pets: NOT prepared, skipped; run: data-scripts/prepare oxford_pets",
                new QuickSession.Readiness("oxford_pets", false, "data-scripts/prepare oxford_pets")
                        .toString());
        ExperimentConfig vit =
                Profiles.of("quick", "fashion_mnist", Method.VIT, null, TuningMode.FULL);
        QuickSession.RunLine full =
                QuickSession.RunLine.of(
                        new RunSummary(
                                vit,
                                new RunMetrics(2, 2, 88.03, 99.0, 89.0, 16.1, 0, 0, true, null),
                                new RunProvenance("quick-fashion_mnist-vit-full-72655244", "c")));
        assertEquals(
                String.format(
                        "%-55s test top-1  88.03%%  (16.1 s)",
                        "quick-fashion_mnist-vit-full-72655244"),
                full.toString());
        QuickSession.RunLine few =
                QuickSession.RunLine.of(
                        new RunSummary(
                                FewShotPlan.of("quick")
                                        .config(
                                                "fashion_mnist",
                                                new FewShotPlan.Row(Method.VPT, null),
                                                1,
                                                1234),
                                new RunMetrics(
                                        2,
                                        2,
                                        61.5,
                                        90.0,
                                        null,
                                        3.0,
                                        0,
                                        0,
                                        true,
                                        new FewShotSubset(
                                                1,
                                                1234,
                                                "splits/a/train.csv",
                                                "0".repeat(64),
                                                "splits/a/val.csv",
                                                "1".repeat(64))),
                                new RunProvenance("quick-k1", "c")));
        assertEquals(1, few.shots());
        assertTrue(
                few.toString()
                        .contains(
                                "k=1  seed 1234  test top-1  61.50%  (3.0 s)  splits/a/train.csv"),
                few.toString());
        QuickSession.Trained trained = new QuickSession.Trained(List.of(full, few), 20.4);
        assertEquals(List.of("2 runs, 20 s", full.toString(), few.toString()), trained.lines());
    }
}
