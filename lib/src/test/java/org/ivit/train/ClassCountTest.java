package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ivit.CliRun;
import org.ivit.data.Datasets;
import org.ivit.data.PreparedLayout;
import org.ivit.data.Split;
import org.ivit.runs.Reproduction;
import org.ivit.spec.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model is sized by its dataset's own class count: the prepared classes.txt when there is one,
 * else the count its recipe prepares. The expected counts are written out here, not read from the
 * constants they check.
 */
class ClassCountTest {
    /**
     * Caltech-101 under CoOp's protocol (both protocols here): 100 classes, the two face/background
     * folders dropped.
     */
    private static final Map<String, Integer> EXPECTED =
            Map.of(
                    "caltech101",
                    100,
                    "oxford_pets",
                    37,
                    "stanford_cars",
                    196,
                    "flowers102",
                    102,
                    "fashion_mnist",
                    10);

    @TempDir Path dir;

    @Test
    void everyKnownDatasetHasItsOwnCount() {
        assertEquals(EXPECTED.keySet(), new java.util.HashSet<>(Datasets.ids()));
        EXPECTED.forEach((id, n) -> assertEquals(n, Datasets.byId(id).classes(), id));
        assertTrue(!Datasets.isKnown("pets"));
    }

    @Test
    void unpreparedDatasetsUseTheKnownCountInEveryProfile() throws Exception {
        for (String profile : new String[] {Profiles.PAPER, Profiles.QUICK}) {
            Reproduction r =
                    Reproduction.of(profile)
                            .withDirectories(
                                    dir.resolve("data"), dir.resolve("w"), dir.resolve("r"));
            for (String id : Profiles.defaultDatasets(Profiles.PAPER)) {
                assertEquals(EXPECTED.get(id), r.classCount(id), profile + " " + id);
            }
            assertEquals(10, r.classCount("fashion_mnist"));
        }
    }

    @Test
    void aPreparedDatasetCountsItsClassesFile() throws Exception {
        PreparedLayout layout = PreparedLayout.of(dir.resolve("data"), "oxford_pets");
        Files.createDirectories(layout.split(Split.TRAIN).getParent());
        Files.writeString(layout.manifest(), "{\"protocol\": \"official\"}");
        Files.writeString(layout.classes(), "Abyssinian\nBengal\nBirman\n");
        for (Split s : new Split[] {Split.TRAIN, Split.VAL, Split.TEST}) {
            Files.writeString(layout.split(s), "");
        }
        Reproduction r =
                Reproduction.of(Profiles.PAPER)
                        .withDirectories(dir.resolve("data"), dir.resolve("w"), dir.resolve("r"));
        assertEquals(3, r.classCount("oxford_pets"));
    }

    @Test
    void anUnknownUnpreparedDatasetIsAnErrorNamingTheKnownOnes() {
        Reproduction r =
                Reproduction.of(Profiles.PAPER)
                        .withDirectories(dir.resolve("data"), dir.resolve("w"), dir.resolve("r"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> r.classCount("pets"));
        assertTrue(e.getMessage().contains("oxford_pets"), e.getMessage());
    }

    /**
     * The CLI's dry run on a paper dataset, with the quick backbone so it stays cheap: Pets gives
     * 37 classes, not 102.
     */
    @Test
    void dryRunOfPetsBuilds37Classes() {
        CliRun run =
                CliRun.of(
                        "train",
                        "--profile",
                        "paper",
                        "--dataset",
                        "oxford_pets",
                        "--dry-run",
                        "--set",
                        "backbone=quick",
                        "--set",
                        "imageSize=32");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(": quick, 37 classes,"), run.out());
        CliRun explicit =
                CliRun.of(
                        "train",
                        "--profile",
                        "paper",
                        "--dataset",
                        "oxford_pets",
                        "--dry-run",
                        "--set",
                        "backbone=quick",
                        "--set",
                        "imageSize=32",
                        "--dry-run-classes",
                        "5");
        assertTrue(explicit.out().contains(": quick, 5 classes,"), explicit.out() + explicit.err());
    }
}
