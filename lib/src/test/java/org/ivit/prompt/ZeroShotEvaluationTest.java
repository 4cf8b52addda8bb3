package org.ivit.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ivit.clip.Clip;
import org.ivit.clip.ClipConfig;
import org.ivit.data.LabeledImage;
import org.ivit.data.PreparedDataset;
import org.ivit.data.Split;
import org.ivit.model.UnitVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeroShotEvaluationTest {

    /** Class embeddings equal to the images' own: every image is its class's nearest, so 100 %. */
    @Test
    void countsTopOneAndTopFive(@TempDir Path dataDir) throws Exception {
        try (Clip clip = Clip.random(ClipConfig.tinyReference(), 5)) {
            PreparedDataset toy = ToyDataset.write(dataDir, "toy", 1);
            List<LabeledImage> train = toy.split(Split.TRAIN);
            float[][] embeddings = clip.embedImageFiles(train.stream().map(toy::file).toList());
            float[][] unit = new float[embeddings.length][];
            for (int i = 0; i < unit.length; i++) {
                unit[i] = UnitVectors.of(embeddings[i]);
            }
            PromptBankRecipe recipe =
                    new PromptBankRecipe(
                            "toy",
                            toy.classNames(),
                            clip.modelId(),
                            "-",
                            clip.label(),
                            PromptKind.TEXT,
                            "none",
                            List.of("{}"),
                            null,
                            0,
                            List.of());
            ZeroShotClassifier classifier = ZeroShotClassifier.of(new PromptBank(recipe, unit));
            ZeroShotAccuracy perfect = ZeroShotEvaluation.evaluate(clip, classifier, toy, train);
            assertEquals(3, perfect.count());
            assertEquals(100.0, perfect.top1(), 1e-9);
            assertEquals(100.0, perfect.top5(), 1e-9);
            assertEquals(Clip.RANDOM_LABEL, perfect.clipLabel());

            List<LabeledImage> shifted = new ArrayList<>();
            for (LabeledImage row : train) {
                shifted.add(new LabeledImage(row.path(), (row.label() + 1) % 3));
            }
            ZeroShotAccuracy wrong = ZeroShotEvaluation.evaluate(clip, classifier, toy, shifted);
            assertEquals(0.0, wrong.top1(), 1e-9);
            assertEquals(100.0, wrong.top5(), 1e-9, "3 classes: all are in the top 5");

            ZeroShotAccuracy fromTemplates =
                    ZeroShotEvaluation.evaluate(clip, toy, "test", TemplateSet.named("simple7"), 4);
            assertEquals(4, fromTemplates.count());
            assertTrue(fromTemplates.top5() >= fromTemplates.top1());
        }
    }

    @Test
    void scoresAreOneHundredTimesTheCosine() throws Exception {
        try (Clip clip = Clip.random(ClipConfig.tinyReference(), 5);
                NDManager m = NDManager.newBaseManager()) {
            float[] a = new float[32];
            a[0] = 1;
            float[] b = new float[32];
            b[1] = 1;
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
            ZeroShotClassifier classifier =
                    ZeroShotClassifier.of(new PromptBank(recipe, new float[][] {a, b}));
            float[] image = new float[32];
            image[0] = 3;
            image[1] = 4;
            NDArray scores = classifier.scores(m.create(image).reshape(1, 32));
            assertEquals(60f, scores.getFloat(0, 0), 1e-4);
            assertEquals(80f, scores.getFloat(0, 1), 1e-4);
            PromptBankRecipe imageRecipe =
                    new PromptBankRecipe(
                            "x",
                            List.of("a", "b"),
                            "-",
                            "-",
                            "-",
                            PromptKind.IMAGE,
                            "none",
                            List.of(),
                            0L,
                            1,
                            List.of());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> ZeroShotClassifier.of(new PromptBank(imageRecipe, new float[][] {a, b})));
        }
    }
}
