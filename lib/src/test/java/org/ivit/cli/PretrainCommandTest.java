package org.ivit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.ivit.CliRun;
import org.ivit.io.FileDigest;
import org.ivit.runs.QuickBackbone;
import org.ivit.runs.QuickPretraining;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.TuningMode;
import org.ivit.train.ModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ivit pretrain}: the pretraining code still runs end to end (one short epoch on a tiny
 * Fashion-MNIST-shaped dataset) and its backbone loads strictly into the quick profile's ViT; the
 * paper profile and the committed folder are refused.
 */
class PretrainCommandTest {
    private static final int CLASSES = 10;

    @TempDir Path dir;

    @Test
    void oneShortEpochWritesABackboneTheQuickProfileLoadsAndSaysItIsNotTheCommittedConfig()
            throws Exception {
        Path data = tinyFashionMnist(dir.resolve("data"));
        Path out = dir.resolve("out");
        long start = System.nanoTime();
        CliRun run =
                CliRun.of(
                        "pretrain",
                        "--data-dir",
                        data.toString(),
                        "--output",
                        out.toString(),
                        "--set",
                        "epochs=1",
                        "--set",
                        "batchSize=16",
                        "--set",
                        "microBatch=16");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, run.exitCode(), run.out() + run.err());
        String runId =
                QuickPretraining.config(
                                java.util.Map.of(
                                        "epochs", "1", "batchSize", "16", "microBatch", "16"))
                        .newRunId();
        Path backbone = out.resolve(runId).resolve("backbone.safetensors");
        assertTrue(Files.isRegularFile(backbone), run.out());
        Matcher sha = Pattern.compile("sha256: +([0-9a-f]{64})").matcher(run.out());
        assertTrue(sha.find(), run.out());
        assertEquals(FileDigest.sha256(backbone), sha.group(1));
        assertFalse(sha.group(1).equals(QuickBackbone.SHA256));
        assertTrue(
                run.out().contains("not compared: this config (run id " + runId + ")"), run.out());
        Matcher top1 = Pattern.compile("test top-1: +([0-9.]+) %").matcher(run.out());
        assertTrue(top1.find(), run.out());
        double accuracy = Double.parseDouble(top1.group(1));
        assertTrue(accuracy >= 0 && accuracy <= 100, run.out());
        assertEquals(
                1,
                Files.readAllLines(out.resolve(runId).resolve("metrics.csv")).size() - 1,
                "one epoch");
        // strict loading: every tensor of the quick ViT is in the file with its shape, nothing
        // extra
        ModelFactory.Built built =
                ModelFactory.build(
                        Profiles.of(
                                Profiles.QUICK,
                                Profiles.defaultDataset(Profiles.QUICK),
                                Method.VIT,
                                null,
                                TuningMode.FULL),
                        CLASSES,
                        null,
                        0,
                        backbone);
        try (Model model = built.model()) {
            assertTrue(built.parameters().size() > 10);
        }
        assertTrue(seconds < 60, "took " + seconds + " s");
    }

    @Test
    void thePaperProfileHasNoPretrainingStep() {
        CliRun run = CliRun.of("pretrain", "--profile", "paper", "--output", dir.toString());
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("the paper profile has no pretraining step"), run.err());
        assertTrue(run.err().contains("data-scripts/fetch-weights"), run.err());
        assertEquals(0, dir.toFile().list().length, "nothing written");
    }

    @Test
    void theCommittedFolderIsNeverTheOutput() {
        CliRun run =
                CliRun.of(
                        "pretrain",
                        "--output",
                        QuickBackbone.committedRecord().getParent().toString());
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("is the folder of the committed backbone"), run.err());
    }

    @Test
    void aBadSetIsAUsageErrorNamingTheKey() {
        CliRun run = CliRun.of("pretrain", "--output", dir.toString(), "--set", "epochs=0");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("epochs"), run.err());
    }

    /**
     * 10 classes, 4 training, 1 validation and 1 test image each (28×28 grey PNGs), in the prepared
     * layout.
     */
    private static Path tinyFashionMnist(Path dataDir) throws IOException {
        Path folder = dataDir.resolve(Profiles.defaultDataset(Profiles.QUICK));
        Files.createDirectories(folder.resolve("images"));
        Files.createDirectories(folder.resolve("splits"));
        List<String> classes = new ArrayList<>();
        List<String> train = new ArrayList<>(List.of("path,label"));
        List<String> val = new ArrayList<>(List.of("path,label"));
        List<String> test = new ArrayList<>(List.of("path,label"));
        for (int c = 0; c < CLASSES; c++) {
            classes.add("class " + c);
            for (int i = 0; i < 6; i++) {
                String path = "images/c" + c + "_" + i + ".png";
                BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        // a class-specific stripe, so the labels can be learnt at all
                        image.getRaster().setSample(x, y, 0, (x / 3 == c ? 220 : 30) + 5 * i);
                    }
                }
                ImageIO.write(image, "png", folder.resolve(path).toFile());
                (i < 4 ? train : i == 4 ? val : test).add(path + "," + c);
            }
        }
        Files.write(folder.resolve("classes.txt"), classes);
        Files.write(folder.resolve("splits/train.csv"), train);
        Files.write(folder.resolve("splits/val.csv"), val);
        Files.write(folder.resolve("splits/test.csv"), test);
        Files.writeString(folder.resolve("PREPARED.json"), "{\"protocol\": \"tiny test copy\"}");
        return dataDir;
    }
}
