package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.TuningMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine gives the same numbers, to the last printed digit, as the code before the typed spec
 * and the method strategies: per-epoch metrics (all but the wall time) and the summary's accuracies
 * of one synthetic run per method, against files written by that code.
 */
class PinnedSyntheticMetricsTest {
    @TempDir Path runs;

    @ParameterizedTest
    @CsvSource({
        "vit,,full",
        "vpt,,prompt",
        "instruction-vit,text,full",
        "instruction-vit,mix,prompt"
    })
    void aSyntheticRunGivesThePinnedNumbers(String method, String prompt, String mode)
            throws Exception {
        ExperimentConfig cfg =
                SyntheticRuns.config(Method.fromId(method), prompt, TuningMode.fromId(mode));
        JsonObject summary;
        try (NDManager m = NDManager.newBaseManager()) {
            summary =
                    new TrainingEngine(
                                    SyntheticRuns.input(cfg, SyntheticRuns.data(m, 64)),
                                    TrainingReporter.quiet(System.out))
                            .run(runs)
                            .toJson();
        }
        String metrics =
                Files.readString(runs.resolve(cfg.newRunId()).resolve("metrics.csv"))
                        .replaceAll(",[0-9.]+\n", "\n");
        String numbers =
                metrics
                        + "test_top1="
                        + summary.get("test_top1")
                        + "\ntest_top5="
                        + summary.get("test_top5")
                        + "\nval_top1="
                        + summary.get("val_top1")
                        + "\nbest_epoch="
                        + summary.get("best_epoch")
                        + "\n";
        String name =
                "pinned/" + method + "-" + (prompt == null ? "" : prompt + "-") + mode + ".txt";
        String write = System.getProperty("ivit.writePinned");
        if (write != null) {
            Path out = Path.of(write).resolve(name);
            Files.createDirectories(out.getParent());
            Files.writeString(out, numbers);
        }
        try (InputStream in = PinnedSyntheticMetricsTest.class.getResourceAsStream(name)) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), numbers, name);
        }
    }
}
