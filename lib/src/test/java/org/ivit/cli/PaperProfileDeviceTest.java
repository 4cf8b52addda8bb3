package org.ivit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import org.ivit.CliRun;
import org.ivit.Project;
import org.ivit.platform.DeviceChoice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a machine without a GPU (this one) {@code ivit train --profile paper} refuses to start and
 * says why; {@code --device cpu} lets it through to its next check (the dataset, not prepared
 * here).
 */
class PaperProfileDeviceTest {
    @BeforeEach
    void noGpuNoOverrideNoPetsData() {
        assumeTrue(Engine.getInstance().getGpuCount() == 0, "a GPU is visible here");
        assumeTrue(
                System.getenv("IVIT_ALLOW_CPU") == null && System.getenv("IVIT_DEVICE") == null,
                "an override is set");
        // with Pets prepared, the run let through would really train
        assumeFalse(
                Files.exists(Project.dataDir().resolve("pets/PREPARED.json")),
                "Pets is prepared here");
    }

    @Test
    void thePaperProfileRefusesAMachineWithoutAGpu() {
        CliRun run =
                CliRun.of("train", "--profile", "paper", "--dataset", "pets", "--method", "vit");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(
                run.err().contains("the paper profile trains on a GPU, but DJL sees no GPU"),
                run.err());
        assertTrue(
                run.err().contains("PYTORCH_LIBRARY_PATH")
                        && run.err().contains("IVIT_ALLOW_CPU=1"),
                run.err());
        assertEquals(null, System.getProperty(DeviceChoice.PROPERTY));
    }

    @Test
    void deviceCpuLetsItThroughToTheDatasetCheck() {
        CliRun run =
                CliRun.of(
                        "train",
                        "--profile",
                        "paper",
                        "--dataset",
                        "pets",
                        "--method",
                        "vit",
                        "--device",
                        "cpu");
        assertNotEquals(0, run.exitCode());
        assertFalse(run.err().contains("sees no GPU"), run.err());
        assertTrue(run.err().toLowerCase(java.util.Locale.ROOT).contains("pets"), run.err());
        assertEquals(
                null,
                System.getProperty(DeviceChoice.PROPERTY),
                "--device must not outlive its command");
    }

    @Test
    void aBadDeviceIsRefusedByName() {
        CliRun run = CliRun.of("train", "--profile", "paper", "--device", "tpu", "--dry-run");
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("--device must be gpu, cpu or auto, not 'tpu'"), run.err());
    }
}
