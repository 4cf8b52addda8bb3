package org.ivit.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ivit.data.LabeledImage;
import org.ivit.data.PreparedDataset;
import org.ivit.data.Split;
import org.ivit.data.SplitFile;
import org.ivit.io.FileDigest;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.FewShotPlan;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.SpecException;
import org.ivit.spec.TuningMode;
import org.ivit.train.FewShotSubset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The few-shot subsets: deterministic files with their hashes, k per class, min(k, 4) for
 * validation, clear refusals.
 */
class FewShotSplitsTest {
    @TempDir Path tmp;

    /**
     * A prepared layout of 3 classes: train 20, 20 and 5 images, val 6, 6 and 4, test 2 each (no
     * image files needed).
     */
    private PreparedDataset toy() throws IOException {
        return toy(4);
    }

    private PreparedDataset toy(int bagVal) throws IOException {
        Path data = tmp.resolve("data");
        Path root = data.resolve("toy");
        Files.createDirectories(root.resolve("splits"));
        Files.writeString(root.resolve("classes.txt"), "coat\nshirt\nbag\n");
        Files.writeString(
                root.resolve("PREPARED.json"), "{\"dataset\": \"toy\", \"protocol\": \"test\"}");
        SplitFile.write(root.resolve("splits/train.csv"), rows("train", 20, 20, 5));
        SplitFile.write(root.resolve("splits/val.csv"), rows("val", 6, 6, bagVal));
        SplitFile.write(root.resolve("splits/test.csv"), rows("test", 2, 2, 2));
        return PreparedDataset.open(data, "toy");
    }

    private static List<LabeledImage> rows(String split, int... perClass) {
        List<LabeledImage> rows = new ArrayList<>();
        // interleaved, as a real split file is not sorted by class
        for (int i = 0; i < 20; i++) {
            for (int c = 0; c < perClass.length; c++) {
                if (i < perClass[c]) {
                    rows.add(new LabeledImage(split + "/" + c + "/" + i + ".png", c));
                }
            }
        }
        return rows;
    }

    private static Map<Integer, Long> perClass(List<LabeledImage> rows) {
        return rows.stream()
                .collect(Collectors.groupingBy(LabeledImage::label, Collectors.counting()));
    }

    @Test
    void kImagesOfEveryClassForTrainingAndMinKFourForValidation() throws IOException {
        PreparedDataset toy = toy();
        for (int k : new int[] {1, 2, 5}) {
            FewShotSubset f = FewShotSplits.write(toy, k, 1234, tmp.resolve("results"));
            List<LabeledImage> train =
                    SplitFile.read(tmp.resolve("results").resolve(f.trainSplit()));
            List<LabeledImage> val = SplitFile.read(tmp.resolve("results").resolve(f.valSplit()));
            assertEquals(
                    Map.of(0, (long) k, 1, (long) k, 2, (long) k), perClass(train), "k = " + k);
            long v = Math.min(k, 4);
            assertEquals(Map.of(0, v, 1, v, 2, v), perClass(val), "k = " + k);
            assertEquals(3 * k, new HashSet<>(train).size(), "no image twice");
            assertTrue(
                    toy.split(Split.TRAIN).containsAll(train)
                            && toy.split(Split.VAL).containsAll(val));
            assertEquals("splits/toy-k" + k + "-seed1234/train.csv", f.trainSplit());
            assertEquals(k, f.shots());
            assertEquals(1234, f.seed());
        }
        // k = 5: min(5, 4) = 4 validation images per class, and class 'bag' gives all five of its
        // training images
        assertEquals(
                12, SplitFile.read(tmp.resolve("results/splits/toy-k5-seed1234/val.csv")).size());
    }

    @Test
    void theSameSeedRebuildsIdenticalFilesAndAnotherSeedDrawsOthers() throws IOException {
        PreparedDataset toy = toy();
        FewShotSubset first = FewShotSplits.write(toy, 4, 7, tmp.resolve("a"));
        FewShotSubset again = FewShotSplits.write(toy, 4, 7, tmp.resolve("b"));
        assertEquals(first, again, "same dataset, k and seed: the same files, byte for byte");
        assertEquals(
                FileDigest.sha256(tmp.resolve("a").resolve(first.trainSplit())),
                first.trainSplitSha256());
        assertEquals(
                Files.readString(tmp.resolve("a").resolve(first.trainSplit())),
                Files.readString(tmp.resolve("b").resolve(again.trainSplit())));
        // writing again where the files are finds them and keeps them
        assertEquals(first, FewShotSplits.write(toy, 4, 7, tmp.resolve("a")));
        FewShotSubset other = FewShotSplits.write(toy, 4, 8, tmp.resolve("a"));
        assertNotEquals(first.trainSplitSha256(), other.trainSplitSha256());
        assertNotEquals(
                SplitFile.read(tmp.resolve("a").resolve(first.trainSplit())),
                SplitFile.read(tmp.resolve("a").resolve(other.trainSplit())));
        assertEquals("splits/toy-k4-seed8/train.csv", other.trainSplit());
    }

    @Test
    void aLargerKExtendsASmallerOneOfTheSameSeed() throws IOException {
        PreparedDataset toy = toy();
        List<LabeledImage> one = FewShotSplits.draw(toy.split(Split.TRAIN), 3, 1, 99, 0);
        List<LabeledImage> four = FewShotSplits.draw(toy.split(Split.TRAIN), 3, 4, 99, 0);
        assertEquals(3, one.size());
        assertTrue(four.containsAll(one), one + " within " + four);
    }

    @Test
    void anEditedSplitFileIsRefusedNotOverwritten() throws IOException {
        PreparedDataset toy = toy();
        FewShotSubset f = FewShotSplits.write(toy, 2, 1, tmp.resolve("r"));
        Path train = tmp.resolve("r").resolve(f.trainSplit());
        List<LabeledImage> rows = new ArrayList<>(SplitFile.read(train));
        rows.set(
                0,
                new LabeledImage("train/0/19.png", 0).equals(rows.get(0))
                        ? new LabeledImage("train/0/18.png", 0)
                        : new LabeledImage("train/0/19.png", 0));
        SplitFile.write(train, rows);
        String edited = Files.readString(train);
        IOException e =
                assertThrows(
                        IOException.class, () -> FewShotSplits.write(toy, 2, 1, tmp.resolve("r")));
        assertTrue(
                e.getMessage().startsWith(train.toString())
                        && e.getMessage().contains("Delete the folder"),
                e.getMessage());
        assertEquals(edited, Files.readString(train));
    }

    @Test
    void aKLargerThanTheSmallestClassIsASpecErrorNamingTheFieldAndDataset() throws IOException {
        PreparedDataset toy = toy();
        SpecException train =
                assertThrows(SpecException.class, () -> FewShotSplits.check(toy, 6, "spec of r"));
        assertTrue(
                train.getMessage().contains("shots")
                        && train.getMessage().contains("dataset toy")
                        && train.getMessage().contains("class 'bag' has 5")
                        && train.getMessage().contains("train split"),
                train.getMessage());
        FewShotSplits.check(toy, 5, "spec of r"); // 5 train and min(5, 4) = 4 val per class: fine
        PreparedDataset fewVal = toy(3);
        // 4 training images of 'bag' suffice, but min(4, 4) = 4 validation images of it do not (it
        // has 3)
        SpecException val =
                assertThrows(
                        SpecException.class, () -> FewShotSplits.check(fewVal, 4, "spec of r"));
        assertTrue(
                val.getMessage().contains("val split")
                        && val.getMessage().contains("class 'bag' has 3")
                        && val.getMessage().startsWith("spec of r"),
                val.getMessage());
        FewShotSplits.check(fewVal, 3, "spec of r");
        FewShotSplits.check(toy, 0, "spec of r"); // the full split
    }

    @Test
    void theReproductionChecksKBeforeAnyWorkStarts() throws IOException {
        PreparedDataset toy = toy();
        ExperimentConfig cfg =
                FewShotPlan.of(Profiles.QUICK)
                        .config("toy", new FewShotPlan.Row(Method.VPT, null), 16, null)
                        .with("batchSize", "8")
                        .with("microBatch", "8");
        Reproduction r =
                Reproduction.of(Profiles.QUICK)
                        .withDirectories(tmp.resolve("data"), tmp.resolve("w"), tmp.resolve("res"));
        SpecException e =
                assertThrows(SpecException.class, () -> r.checkInputs(cfg, r.runId(cfg), toy));
        assertTrue(
                e.getMessage().contains("shots") && e.getMessage().contains(cfg.newRunId()),
                e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("res/splits")), "nothing written");
    }

    @Test
    void shotsIsValidatedInTheSpec() {
        ExperimentConfig cfg =
                Profiles.of(Profiles.QUICK, "fashion_mnist", Method.VPT, null, TuningMode.PROMPT);
        SpecException negative = assertThrows(SpecException.class, () -> cfg.with("shots", "-1"));
        assertTrue(
                negative.getMessage().contains("shots")
                        && negative.getMessage().contains("[0, 100000]"),
                negative.getMessage());
        ExperimentConfig table3 =
                cfg.toBuilder()
                        .set("test", "table", "3")
                        .set("test", "trainLimit", "0")
                        .set("test", "valLimit", "0")
                        .set("test", "shots", "2")
                        .build();
        SpecException both =
                assertThrows(SpecException.class, () -> table3.with("trainLimit", "6000"));
        assertTrue(
                both.getMessage().contains("trainLimit") && both.getMessage().contains("shots = 2"),
                both.getMessage());
        SpecException bothVal =
                assertThrows(SpecException.class, () -> table3.with("valLimit", "1000"));
        assertTrue(
                bothVal.getMessage().contains("valLimit")
                        && bothVal.getMessage().contains("min(k, 4)"),
                bothVal.getMessage());
        SpecException inTable2 = assertThrows(SpecException.class, () -> table3.with("table", "2"));
        assertTrue(
                inTable2.getMessage().contains("table")
                        && inTable2.getMessage().contains("belongs to table 3"),
                inTable2.getMessage());
        SpecException noK = assertThrows(SpecException.class, () -> table3.with("shots", "0"));
        assertTrue(
                noK.getMessage().contains("shots") && noK.getMessage().contains("table 3"),
                noK.getMessage());
        assertEquals(0, cfg.data().shots());
        ExperimentConfig fewShot = table3.with("shots", "4");
        assertTrue(
                fewShot.newRunId().startsWith("quick-fashion_mnist-vpt-prompt-k4-"),
                fewShot.newRunId());
        assertEquals(fewShot, ExperimentConfig.fromJson(fewShot.toJson()));
    }
}
