package org.ivit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ivit.CliRun;
import org.ivit.spec.Method;
import org.junit.jupiter.api.Test;

/**
 * {@code train --method <row>}: a method id, or a Table 1 row by its backbone's id; {@code
 * --backbone} picks any registered one.
 */
class TrainRowSelectionTest {
    @Test
    void aBackboneIdAsMethodIsTheClassifierOnThatBackbone() {
        assertEquals(
                new TrainCommand.Row(Method.CLASSIFIER, "resnet50"),
                TrainCommand.Row.of("resnet50", null));
        assertEquals(
                new TrainCommand.Row(Method.CLASSIFIER, "resnet50"),
                TrainCommand.Row.of("resnet50", "resnet50"));
        assertEquals(new TrainCommand.Row(Method.VIT, null), TrainCommand.Row.of("vit", null));
        assertEquals(
                new TrainCommand.Row(Method.CLASSIFIER, "efficientnet_b0"),
                TrainCommand.Row.of("classifier", "efficientnet_b0"));
    }

    @Test
    void anUnknownOrContradictoryRowIsAUsageError() {
        CliRun unknown =
                CliRun.of("train", "--profile", "paper", "--method", "resnet18", "--dry-run");
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertTrue(
                unknown.err().contains("unknown --method 'resnet18'")
                        && unknown.err().contains("efficientnet_b3"),
                unknown.err());
        CliRun both =
                CliRun.of(
                        "train",
                        "--profile",
                        "paper",
                        "--method",
                        "resnet50",
                        "--backbone",
                        "resnet101",
                        "--dry-run");
        assertEquals(2, both.exitCode(), both.err());
        assertTrue(both.err().contains("contradicts --backbone resnet101"), both.err());
    }

    @Test
    void theHelpListsEveryRegisteredBackboneWithItsRowAndCheckpoint() {
        CliRun help = CliRun.of("train", "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(
                help.out()
                        .contains(
                                "resnet50: Table 1 row ResNet-50; timm/resnet50.ram_in1k, 224x224 crop 0.875 bicubic"),
                help.out());
        assertTrue(
                help.out()
                        .contains(
                                "efficientnet_b3: Table 1 row EfficientNet-B3; timm/efficientnet_b3.ra2_in1k, 288x288"),
                help.out());
        assertTrue(help.out().contains("quick: no Table 1 row"), help.out());
    }

    /**
     * The quick profile's tiny ViT as a plain classifier: the same dry run the paper's baselines
     * take, in a second.
     */
    @Test
    void aQuickClassifierDryRunTrainsOneMicroBatch() {
        CliRun run =
                CliRun.of("train", "--method", "quick", "--dry-run", "--dry-run-classes", "10");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("run id: quick-fashion_mnist-quick-full-"), run.out());
        assertTrue(run.out().contains("dry run quick-fashion_mnist-quick-full-"), run.out());
        assertTrue(run.out().contains(", 10 classes, "), run.out());
    }
}
