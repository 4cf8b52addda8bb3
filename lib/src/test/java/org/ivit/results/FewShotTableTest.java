package org.ivit.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.FewShotPlan;
import org.ivit.spec.Method;
import org.ivit.train.FewShotSubset;
import org.ivit.train.RunMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table 3 from synthetic run records: mean ± t interval with n per (row, k), the newest run per
 * seed, CSV, Markdown, chart.
 */
class FewShotTableTest {
    @TempDir Path tmp;

    private void run(
            String id,
            String profile,
            int table,
            String method,
            String prompt,
            int k,
            int seed,
            double top1,
            Instant written)
            throws IOException {
        FewShotSubset f =
                table == 3
                        ? new FewShotSubset(
                                k,
                                seed,
                                "splits/fashion_mnist-k" + k + "-seed" + seed + "/train.csv",
                                "0".repeat(64),
                                "splits/fashion_mnist-k" + k + "-seed" + seed + "/val.csv",
                                "1".repeat(64))
                        : null;
        ExperimentConfig cfg =
                table == FewShotPlan.TABLE
                        ? FewShotPlan.of(profile)
                                .config(
                                        "fashion_mnist",
                                        new FewShotPlan.Row(Method.fromId(method), prompt),
                                        k,
                                        seed)
                        : TestRecords.spec(
                                profile,
                                table,
                                "fashion_mnist",
                                method,
                                null,
                                prompt,
                                "prompt",
                                seed);
        TestRecords.write(
                tmp.resolve("runs"),
                id,
                cfg,
                new RunMetrics(3, 30, top1, 99.0, 90.0, 10.0, 0, 0, true, f),
                "abc");
        Path file = tmp.resolve("runs").resolve(id).resolve("summary.json");
        Files.setLastModifiedTime(file, FileTime.from(written));
    }

    @Test
    void cellsHoldMeanIntervalAndNOverSeedsFromTheNewestRunOfEachSeed() throws IOException {
        Instant old = Instant.parse("2026-01-01T10:00:00Z");
        Instant now = Instant.parse("2026-01-01T11:00:00Z");
        run("v1a", "quick", 3, "vpt", null, 1, 1234, 70.0, now);
        run("v1b", "quick", 3, "vpt", null, 1, 1235, 72.0, now);
        run("v1c", "quick", 3, "vpt", null, 1, 1236, 74.0, now);
        run(
                "v1c-old", "quick", 3, "vpt", null, 1, 1236, 10.0,
                old); // an older run of seed 1236: replaced
        run("t16", "quick", 3, "instruction-vit", "text", 16, 1234, 65.5, now);
        run("table2", "quick", 2, "vpt", null, 0, 1234, 88.0, now); // not few-shot
        run("paper", "paper", 3, "vpt", null, 1, 1234, 50.0, now); // another profile
        FewShotTable t = FewShotTable.of(tmp, "quick", List.of(1, 16));
        assertEquals(List.of(1, 16), t.shots());
        assertEquals(List.of("fashion_mnist"), t.datasets());
        FewShotTable.Row vpt = FewShotTable.ROWS.get(0);
        FewShotTable.Row text = FewShotTable.ROWS.get(1);
        FewShotTable.Cell c = t.cell("fashion_mnist", vpt, 1);
        assertEquals(List.of(1234, 1235, 1236), List.copyOf(c.bySeed().keySet()));
        assertEquals("v1c", c.bySeed().get(1236).summary().runId());
        // mean 72, s = 2, t(0.975, 2) = 4.302653: 4.302653 * 2 / sqrt(3) = 4.968
        assertEquals(72.0, c.result().mean(), 1e-12);
        assertEquals(4.302653 * 2 / Math.sqrt(3), c.result().halfWidth(), 1e-5);
        assertEquals("72.00 ± 4.97 (n=3)", t.cellText("fashion_mnist", vpt, 1));
        assertEquals("65.50 (n=1)", t.cellText("fashion_mnist", text, 16));
        assertEquals("not run", t.cellText("fashion_mnist", text, 1));
        assertNull(t.cell("fashion_mnist", vpt, 16));

        List<String> csv = t.csv().lines().toList();
        assertEquals(
                "dataset,method,prompt,k1_mean,k1_ci95,k1_n,k1_seeds,k16_mean,k16_ci95,k16_n,k16_seeds",
                csv.get(0));
        assertEquals(
                "fashion_mnist,vpt,,72.00,4.97,3,1234=70.00;1235=72.00;1236=74.00,,,0,",
                csv.get(1));
        assertEquals("fashion_mnist,instruction-vit,text,,,0,,65.50,,1,1234=65.50", csv.get(2));
        assertEquals(5, csv.size(), "header and four rows");

        String md = t.markdown();
        assertTrue(md.contains("| VPT | 72.00 ± 4.97 (n=3) | not run |"), md);
        assertTrue(md.contains("| Instruction-ViT (text) | not run | 65.50 (n=1) |"), md);
        assertTrue(
                md.contains(
                        "- VPT, k = 1: seeds 1234=70.00, 1235=72.00, 1236=74.00 (runs v1a, v1b, v1c)"),
                md);

        List<Path> written = t.write(tmp);
        assertEquals(
                List.of(tmp.resolve("fewshot-quick.csv"), tmp.resolve("fewshot-quick.md")),
                written);
        assertEquals(t.csv(), Files.readString(written.get(0)));
        BufferedImage chart = new Figures(tmp.resolve("figures")).fewShot(t);
        BufferedImage saved =
                ImageIO.read(tmp.resolve("figures/fewshot-quick-accuracy-vs-k.png").toFile());
        assertEquals(chart.getWidth(), saved.getWidth());
        assertTrue(saved.getWidth() >= Charts.PANEL_WIDTH, "one panel for Fashion-MNIST");
    }

    @Test
    void noRunYetGivesAnEmptyTableAndNoChart() {
        FewShotTable t = FewShotTable.of(tmp, "quick", List.of(1, 16));
        assertEquals(List.of(), t.datasets());
        assertTrue(t.markdown().contains("No finished few-shot run of this profile yet."));
        assertEquals(1, t.csv().lines().count());
        assertNull(new Figures(tmp.resolve("figures")).fewShot(t));
    }
}
