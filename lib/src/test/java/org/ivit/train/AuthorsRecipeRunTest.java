package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.TuningMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run under the authors' recipe: timm's lagged schedule, Mixup, and selection among the
 * later epochs only.
 */
class AuthorsRecipeRunTest {
    @TempDir Path runs;

    @Test
    void theFirstEpochsAreNeverSelectedAndTheScheduleLags() throws Exception {
        ExperimentConfig cfg =
                SyntheticRuns.config(Method.INSTRUCTION_VIT, "text", TuningMode.FULL).toBuilder()
                        .set("test", "recipe", "authors")
                        .set("test", "promptTokens", "fixed")
                        .set("test", "epochs", "3")
                        .set("test", "selectFromEpoch", "2")
                        .set("test", "timmStepsPerEpoch", "1")
                        .set("test", "tInitial", "2")
                        .set("test", "warmupEpochs", "1")
                        .build();
        JsonObject summary;
        try (NDManager m = NDManager.newBaseManager()) {
            summary =
                    new TrainingEngine(
                                    SyntheticRuns.input(cfg, SyntheticRuns.data(m, 64)),
                                    TrainingReporter.quiet(System.out))
                            .run(runs)
                            .toJson();
        }
        assertEquals(
                3,
                summary.get("best_epoch").getAsInt(),
                "epochs 1 and 2 (0 and 1 counted from 0) are not selectable");
        assertEquals("authors", summary.get("recipe").getAsString());
        List<String> rows = Files.readAllLines(runs.resolve(cfg.newRunId()).resolve("metrics.csv"));
        // the lr each epoch trained with: 0 (construction), 0 (f(0) of the warm-up), then f(1),
        // half-way down the
        // cosine of t_initial 2 that counts from epoch 0: 1e-5 + (1e-3 - 1e-5) / 2
        assertEquals(
                List.of(0.0, 0.0, 5.05e-4),
                rows.subList(1, 4).stream().map(r -> Double.parseDouble(r.split(",")[2])).toList());
    }
}
