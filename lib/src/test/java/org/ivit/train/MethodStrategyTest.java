package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.TuningMode;
import org.junit.jupiter.api.Test;

/**
 * The methods are strategies: the engine, the model factory, the profiles and the reproduction ask
 * the run's {@link MethodStrategy}, and no behaviour depends on the profile's name or on the disk.
 */
class MethodStrategyTest {
    private static Path source(String name) {
        Path main =
                Path.of(System.getProperty("ivit.project.root", ".."))
                        .resolve("lib/src/main/java/org/ivit");
        for (String pkg : List.of("train", "spec", "runs")) {
            if (Files.isRegularFile(main.resolve(pkg).resolve(name))) {
                return main.resolve(pkg).resolve(name);
            }
        }
        throw new IllegalArgumentException(name + " is in none of train, spec, runs");
    }

    @Test
    void noMethodOrProfileIsBranchedOnOutsideTheStrategies() throws Exception {
        for (String file :
                List.of(
                        "TrainingEngine.java",
                        "ModelFactory.java",
                        "Reproduction.java",
                        "Profiles.java",
                        "BackboneInputs.java",
                        "DryRun.java",
                        "AttentionProbe.java")) {
            String text = Files.readString(source(file));
            // Profiles.reproduce names the methods of the paper's tables; naming is not branching
            for (String branch :
                    List.of(
                            "== Method.",
                            "!= Method.",
                            "case VIT",
                            "case VPT",
                            "case INSTRUCTION_VIT",
                            "profile().equals",
                            "profile.equals(Profiles.QUICK)",
                            "instanceof InstructionViT",
                            "instanceof VisualPromptTuning")) {
                assertFalse(text.contains(branch), file + " branches on " + branch);
            }
        }
    }

    @Test
    void eachMethodsLossIsBuiltOnceAndIsTheOneTheTrainerGets() throws Exception {
        String engine = Files.readString(source("TrainingEngine.java"));
        String step = Files.readString(source("TrainingStep.java"));
        assertFalse(
                engine.contains("softmaxCrossEntropyLoss")
                        || step.contains("softmaxCrossEntropyLoss"),
                "DJL gets no loss that nothing uses");
        assertFalse(
                engine.contains("new InstructionLoss") || step.contains("new InstructionLoss"),
                "no loss per micro-batch");
        assertFalse(
                engine.contains("newTrainer"),
                "the engine trains through TrainingStep, the unit the fidelity checks drive");
        assertTrue(step.contains("new DefaultTrainingConfig(method.loss(cfg))"));
        assertTrue(step.contains("lossTerms = method.lossTerms(cfg)"));
        for (Method m : Method.values()) {
            ExperimentConfig cfg =
                    Profiles.of(Profiles.QUICK, "fashion_mnist", m, null, TuningMode.FULL);
            assertTrue(MethodStrategy.of(cfg.method()).loss(cfg) instanceof MethodLoss, m.id());
        }
    }

    @Test
    void theStrategiesDecideTableModeAndPromptKindAsBefore() {
        assertEquals(1, Method.VIT.table(TuningMode.FULL));
        assertEquals(2, Method.VPT.table(Method.VPT.mode(TuningMode.FULL)));
        assertEquals(TuningMode.PROMPT, Method.VPT.mode(TuningMode.FULL));
        assertEquals("text", Method.INSTRUCTION_VIT.promptKind(null));
        assertEquals(null, Method.VIT.promptKind("mix"));
        assertTrue(Method.INSTRUCTION_VIT.usesPrompts());
        assertFalse(Method.VPT.usesPrompts());
    }

    /**
     * Whether a classifier run is a baseline is asked of its {@link Method}: a baseline is built
     * from its registered backbone and refuses a ViT config, the ViT row builds on one.
     */
    @Test
    void aBaselineRefusesAVitConfigAndTheVitRowBuildsOnOne() {
        ExperimentConfig vit =
                Profiles.of(Profiles.QUICK, "fashion_mnist", Method.VIT, null, TuningMode.FULL);
        org.ivit.model.VitConfig tiny = MethodStrategy.vitConfig(vit, 10);
        assertTrue(
                MethodStrategy.of(Method.VIT).blocks(vit, tiny, 0).block()
                        instanceof org.ivit.model.VisionTransformer);
        ExperimentConfig resnet =
                Profiles.of(
                        Profiles.PAPER,
                        "oxford_pets",
                        Method.CLASSIFIER,
                        "resnet50",
                        null,
                        TuningMode.FULL);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> MethodStrategy.of(Method.CLASSIFIER).blocks(resnet, tiny, 0));
        assertEquals(
                "a Table 1 baseline (resnet50) is built from its registered backbone, not a ViT"
                        + " config",
                e.getMessage());
    }
}
