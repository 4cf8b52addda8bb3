package org.ivit.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ivit.data.LabeledImage;
import org.ivit.data.PreparedDataset;
import org.ivit.data.SplitFile;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.TuningMode;
import org.ivit.train.RunData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trainLimit and valLimit give seeded, class-balanced subsets; the test split is always whole. */
class SplitLimitsTest {
    private static final int CLASSES = 10;

    @TempDir Path tmp;

    private static List<LabeledImage> rows(String split, int perClass) {
        List<LabeledImage> rows = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < CLASSES; c++) {
                rows.add(new LabeledImage(split + "/" + c + "-" + i + ".png", c));
            }
        }
        return rows;
    }

    @Test
    void aBalancedSubsetHoldsTotalOverClassesOfEachClassDrawnByTheSeed() {
        List<LabeledImage> val = rows("val", 30);
        List<Long> chosen = BalancedSubset.indices(val, CLASSES, 100, 1234);
        Map<Integer, Integer> perClass = new TreeMap<>();
        for (long i : chosen) {
            perClass.merge(val.get((int) i).label(), 1, Integer::sum);
        }
        assertEquals(
                Map.of(0, 10, 1, 10, 2, 10, 3, 10, 4, 10, 5, 10, 6, 10, 7, 10, 8, 10, 9, 10),
                perClass);
        assertEquals(
                chosen.stream().sorted().distinct().toList(), chosen, "ascending, no row twice");
        assertEquals(
                chosen,
                BalancedSubset.indices(val, CLASSES, 100, 1234),
                "the same seed draws the same rows");
        assertNotEquals(
                chosen,
                BalancedSubset.indices(val, CLASSES, 100, 1235),
                "another seed draws others");
        assertEquals(
                CLASSES * 30,
                BalancedSubset.indices(val, CLASSES, 10_000, 1234).size(),
                "a limit above the split keeps it all");
    }

    /**
     * A Fashion-MNIST layout of split files only (building a run's data decodes no image): 50/30/20
     * images per class.
     */
    private Reproduction reproduction() throws IOException {
        Path root = tmp.resolve("data/fashion_mnist");
        Files.createDirectories(root.resolve("splits"));
        StringBuilder classes = new StringBuilder();
        for (int c = 0; c < CLASSES; c++) {
            classes.append("class").append(c).append('\n');
        }
        Files.writeString(root.resolve("classes.txt"), classes);
        Files.writeString(
                root.resolve("PREPARED.json"),
                "{\"dataset\": \"fashion_mnist\", \"protocol\": \"test\"}");
        SplitFile.write(root.resolve("splits/train.csv"), rows("train", 50));
        SplitFile.write(root.resolve("splits/val.csv"), rows("val", 30));
        SplitFile.write(root.resolve("splits/test.csv"), rows("test", 20));
        return Reproduction.of(Profiles.QUICK)
                .withDirectories(
                        tmp.resolve("data"), tmp.resolve("weights"), tmp.resolve("results"));
    }

    @Test
    void aRunTrainsAndSelectsOnItsLimitsAndTestsOnTheWholeTestSplit() throws IOException {
        Reproduction reproduction = reproduction();
        PreparedDataset dataset = PreparedDataset.open(tmp.resolve("data"), "fashion_mnist");
        ExperimentConfig cfg =
                Profiles.of(Profiles.QUICK, "fashion_mnist", Method.VPT, null, TuningMode.PROMPT)
                        .with("trainLimit", "200")
                        .with("valLimit", "100");
        RunData data = reproduction.runData(cfg, dataset, null);
        assertEquals(200, data.train().size());
        assertEquals(100, data.val().size());
        assertEquals(CLASSES * 20, data.test().size(), "the test split is never limited");
        RunData whole =
                reproduction.runData(
                        cfg.with("trainLimit", "0").with("valLimit", "0"), dataset, null);
        assertEquals(CLASSES * 50, whole.train().size(), "0: the whole training split");
        assertEquals(CLASSES * 30, whole.val().size(), "0: the whole validation split");
    }
}
