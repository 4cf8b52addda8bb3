package org.ivit.data.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ivit.cli.Main;
import org.ivit.data.MiniatureDatasets;
import org.ivit.data.PreparedDataset;
import org.ivit.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ivit prepare} as the data-scripts/prepare wrapper calls it. */
class PrepareCommandTest {
    @TempDir Path tmp;

    @Test
    void preparesFromAFolderWithALimitPerClass() throws IOException {
        Path originals = tmp.resolve("originals");
        MiniatureDatasets.writeAll(MiniatureDatasets.fashionMnist(501, 3), originals);
        int code =
                Main.run(
                        "prepare",
                        "fashion_mnist",
                        "--data-dir",
                        tmp.resolve("data").toString(),
                        "--from",
                        originals.toString(),
                        "--skip-checksum",
                        "--limit-per-class",
                        "2");
        assertEquals(0, code);
        PreparedDataset fashion = PreparedDataset.open(tmp.resolve("data"), "fashion_mnist");
        assertEquals(10, fashion.split(Split.TRAIN).size());
        assertEquals(20, fashion.split(Split.VAL).size());
        assertEquals(20, fashion.split(Split.TEST).size());
        assertEquals(2, fashion.manifest().get("limitPerClass").getAsInt());
        assertFalse(
                fashion.manifest()
                        .getAsJsonArray("sources")
                        .get(0)
                        .getAsJsonObject()
                        .get("verified")
                        .getAsBoolean());
    }

    @Test
    void unknownDatasetOrProtocolFails() {
        assertEquals(1, Main.run("prepare", "imagenet", "--data-dir", tmp.toString()));
        assertEquals(
                1,
                Main.run(
                        "prepare",
                        "oxford_pets",
                        "--split-protocol",
                        "vtab",
                        "--data-dir",
                        tmp.toString()));
        assertTrue(Files.notExists(tmp.resolve("oxford_pets")));
    }
}
