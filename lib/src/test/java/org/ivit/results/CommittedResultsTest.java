package org.ivit.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.ivit.Project;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed results of a fresh clone or a Binder container: the small run records alone
 * (config.json, metrics.csv, summary.json; no checkpoints) rebuild the tables and figures, and a
 * rebuild from fewer records never replaces a richer table or figure.
 */
class CommittedResultsTest {
    @TempDir Path tmp;
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();

    @BeforeEach
    void captureMessages() {
        FilledCells.logTo(new PrintStream(messages, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreMessages() {
        FilledCells.logTo(System.out);
    }

    @Test
    void gitKeepsTheSmallRunRecordsAndTheExecutedNotebooksButNoCheckpoints()
            throws IOException, InterruptedException {
        Path root = Project.root();
        Assumptions.assumeTrue(Files.exists(root.resolve(".git")), "not a git checkout");
        List<String> kept =
                List.of(
                        "results/runs/quick-x/config.json",
                        "results/runs/quick-x/metrics.csv",
                        "results/runs/quick-x/summary.json",
                        "results/pretraining/quick-p/summary.json",
                        "results/pretraining/quick-p/metrics.csv",
                        "results/pretraining/quick-p/config.json",
                        "results/ablations/quick-a/summary.json",
                        "results/ablations/quick-a/metrics.csv",
                        // the quick profile's published backbone, which that profile loads instead
                        // of pretraining
                        "results/pretraining/quick-fashion_mnist-vit-full-0083c40b/backbone.safetensors",
                        "results/pretraining/quick-fashion_mnist-vit-full-0083c40b/backbone.safetensors.sha256",
                        "results/notebooks/04-results.ipynb",
                        "results/notebooks/04-results.html");
        List<String> dropped =
                List.of(
                        "results/runs/quick-x/checkpoints/best.safetensors",
                        "results/runs/quick-x/checkpoints/last.safetensors",
                        "results/runs/quick-x/summary.json.partial",
                        "results/pretraining/quick-p/backbone.safetensors",
                        "results/pretraining/quick-p/checkpoints/best.safetensors",
                        "results/ablations/quick-a/checkpoints/last.safetensors",
                        "results/prompt-banks/x.safetensors",
                        "results/pretraining/quick-fashion_mnist-vit-full-0083c40b/checkpoints/best.safetensors");
        for (String path : kept) {
            assertFalse(ignored(root, path), path + " must be committable");
        }
        for (String path : dropped) {
            assertTrue(ignored(root, path), path + " must stay out of git");
        }
    }

    private static boolean ignored(Path root, String path)
            throws IOException, InterruptedException {
        Process p;
        try {
            p =
                    new ProcessBuilder(
                                    "git",
                                    "-C",
                                    root.toString(),
                                    "check-ignore",
                                    "-q",
                                    "--no-index",
                                    path)
                            .redirectErrorStream(true)
                            .start();
        } catch (IOException e) {
            Assumptions.abort("git is not installed");
            throw e;
        }
        p.getInputStream().readAllBytes();
        int status = p.waitFor();
        assertTrue(status == 0 || status == 1, "git check-ignore failed for " + path);
        return status == 0;
    }

    @Test
    void theRecordsAloneFillTheTablesAndCurves() throws IOException {
        Path results = FixtureRuns.resultsDir(tmp);
        try (Stream<Path> files = Files.walk(results.resolve("runs"))) {
            assertTrue(
                    files.noneMatch(f -> f.toString().contains("checkpoint")),
                    "fixtures are committed records only");
        }
        List<Path> written = ResultsReport.write(results);
        ResultTable quick1 = ResultTables.table1(results.resolve("runs"), "quick");
        assertEquals(2, quick1.filledCells());
        assertEquals(2, FilledCells.inCsv(results.resolve("table1-quick.csv"), null).getAsInt());
        assertTrue(
                written.contains(results.resolve("figures/table1-quick-curves-fashion_mnist.png")),
                written.toString());
        assertEquals(
                2,
                FilledCells.inPng(results.resolve("figures/table1-quick-curves-fashion_mnist.png"))
                        .getAsInt());
        assertEquals(
                2,
                FilledCells.inPng(results.resolve("figures/table1-quick-paper-vs-ours.png"))
                        .getAsInt());
    }

    @Test
    void aRebuildFromFewerRunsKeepsTheRicherTablesAndFigures() throws IOException {
        Path results = FixtureRuns.resultsDir(tmp);
        ResultsReport.write(results);
        Map<Path, byte[]> before = contents(results);
        // A fresh clone without the run records: every cell would say "not run".
        deleteTree(results.resolve("runs"));
        List<Path> written = ResultsReport.write(results);
        assertEquals(before.keySet(), contents(results).keySet());
        before.forEach(
                (file, bytes) ->
                        assertArrayEquals(
                                bytes, read(file), file + " was replaced by a poorer version"));
        String log = messages.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("kept " + results.resolve("table1-quick.csv")), log);
        assertTrue(
                log.contains("kept " + results.resolve("figures/table2-quick-prompt-kinds.png")),
                log);
        assertTrue(log.contains("never replaced by one with fewer results"), log);
        // The tables without results (the paper profile's Table 2 has only "not run" cells here)
        // may be rewritten.
        assertTrue(
                written.stream()
                        .noneMatch(p -> p.getFileName().toString().startsWith("table1-quick")),
                written.toString());
    }

    @Test
    void aRebuildWithAsManyOrMoreResultsReplacesTheFiles() throws IOException {
        Path results = FixtureRuns.resultsDir(tmp);
        ResultsReport.write(results);
        Files.writeString(results.resolve("table1-quick.md"), "stale");
        List<Path> again = ResultsReport.write(results);
        assertTrue(again.contains(results.resolve("table1-quick.md")), again.toString());
        assertTrue(Files.readString(results.resolve("table1-quick.md")).contains("Table 1"));
        assertEquals("", messages.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFigureSavedWithoutItsCountIsJudgedByItsTable() throws IOException {
        Path results = FixtureRuns.resultsDir(tmp);
        ResultsReport.write(results);
        // A figure as committed before figures carried their count: a plain PNG.
        Path figure = results.resolve("figures/table1-quick-paper-vs-ours.png");
        ImageIO.write(
                new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", figure.toFile());
        assertTrue(FilledCells.inPng(figure).isEmpty());
        byte[] legacy = Files.readAllBytes(figure);
        ResultTable empty = ResultTables.table1(tmp.resolve("clone/results/runs"), "quick");
        new Figures(results.resolve("figures")).paperVsOurs(empty);
        assertArrayEquals(
                legacy,
                Files.readAllBytes(figure),
                "the table beside it has 2 results, this figure none");
    }

    private static Map<Path, byte[]> contents(Path results) throws IOException {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(results)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (!f.startsWith(results.resolve("runs"))) {
                    files.put(f, Files.readAllBytes(f));
                }
            }
        }
        return files;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
