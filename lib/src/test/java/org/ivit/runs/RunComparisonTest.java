package org.ivit.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fresh run records against committed ones: identical, within the tolerance, beyond it, missing.
 */
class RunComparisonTest {
    @TempDir Path dir;

    private void summary(
            String results, String folder, String run, String profile, double test, double val)
            throws IOException {
        Path d = Files.createDirectories(dir.resolve(results).resolve(folder).resolve(run));
        Files.writeString(
                d.resolve("summary.json"),
                "{\"run_id\": \""
                        + run
                        + "\", \"profile\": \""
                        + profile
                        + "\", \"finished\": true, \"test_top1\": "
                        + test
                        + ", \"val_top1\": "
                        + val
                        + ", \"test_top5\": 99.5}");
    }

    private void committed() throws IOException {
        summary("committed", "runs", "quick-a", "quick", 87.70, 88.10);
        summary("committed", "ablations", "quick-b", "quick", 86.99, 87.00);
        summary(
                "committed",
                "runs",
                "paper-c",
                "paper",
                95.0,
                95.0); // not trained on the quick profile: ignored
    }

    private RunComparison compare() throws IOException {
        return RunComparison.of(
                dir.resolve("committed"),
                dir.resolve("fresh"),
                List.of("runs", "ablations"),
                "quick",
                1.5);
    }

    @Test
    void identicalRecordsSayIdentical() throws IOException {
        committed();
        summary("fresh", "runs", "quick-a", "quick", 87.70, 88.10);
        summary("fresh", "ablations", "quick-b", "quick", 86.99, 87.00);
        RunComparison c = compare();
        assertEquals(6, c.rows().size(), c.lines().toString());
        assertTrue(c.identical() && c.passes());
        assertTrue(
                c.lines().get(c.lines().size() - 1).contains("2 run(s), 6 value(s): all identical"),
                c.lines().toString());
    }

    @Test
    void aDifferenceWithinTheTolerancePassesAndIsPrinted() throws IOException {
        committed();
        summary("fresh", "runs", "quick-a", "quick", 87.85, 88.10);
        summary("fresh", "ablations", "quick-b", "quick", 86.99, 87.00);
        RunComparison c = compare();
        assertFalse(c.identical());
        assertTrue(c.passes());
        String table = String.join("\n", c.lines());
        assertTrue(
                table.contains(
                        "runs/quick-a       test_top1      87.70      87.85    +0.15  differs"),
                table);
        assertTrue(
                table.contains(
                        "1 value(s) differ, largest |diff| 0.15 points (tolerance 1.50): within tolerance"),
                table);
    }

    /**
     * Each side's CPU types come from provenance.cpu of its config.json; older records say they
     * lack it.
     */
    @Test
    void theCpuTypesOfBothSidesArePrinted() throws IOException {
        committed();
        summary("fresh", "runs", "quick-a", "quick", 87.85, 88.10);
        summary("fresh", "ablations", "quick-b", "quick", 86.99, 87.00);
        for (String run : List.of("runs/quick-a", "ablations/quick-b")) {
            Files.writeString(
                    dir.resolve("fresh").resolve(run).resolve("config.json"),
                    "{\"provenance\": {\"cpu\": \"Intel Xeon (AVX2)\"}}");
        }
        Files.writeString(
                dir.resolve("committed/runs/quick-a/config.json"),
                "{\"provenance\": {\"cpu\": \"AMD EPYC (AVX-512)\"}}");
        RunComparison c = compare();
        assertEquals(
                java.util.Set.of("AMD EPYC (AVX-512)", RunComparison.CPU_NOT_RECORDED),
                c.committedCpus());
        assertEquals(java.util.Set.of("Intel Xeon (AVX2)"), c.freshCpus());
        String table = String.join("\n", c.lines());
        assertTrue(
                table.contains(
                        "CPU types: committed records AMD EPYC (AVX-512), not recorded (records written before runs"
                                + " named their CPU type); fresh records Intel Xeon (AVX2)"),
                table);
        assertTrue(c.lines().get(c.lines().size() - 1).contains("within tolerance"), table);
    }

    @Test
    void aDifferenceBeyondTheToleranceFails() throws IOException {
        committed();
        summary("fresh", "runs", "quick-a", "quick", 85.70, 88.10);
        summary("fresh", "ablations", "quick-b", "quick", 86.99, 87.00);
        RunComparison c = compare();
        assertFalse(c.passes());
        assertTrue(
                String.join("\n", c.lines()).contains("-2.00  OVER TOLERANCE"),
                c.lines().toString());
    }

    @Test
    void aMissingRunFailsThroughTheCommand() throws IOException {
        committed();
        summary("fresh", "runs", "quick-a", "quick", 87.70, 88.10);
        CliRun run =
                CliRun.of(
                        "compare-runs",
                        "--committed",
                        dir.resolve("committed").toString(),
                        "--fresh",
                        dir.resolve("fresh").toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(
                run.out()
                        .contains(
                                "ablations/quick-b  test_top1      86.99          -        -  MISSING"),
                run.out());
        assertTrue(run.out().contains("1 run(s) missing"), run.out());
        assertFalse(run.out().contains("paper-c"), run.out());
    }

    @Test
    void nothingToCompareIsAnErrorNamingTheFolder() {
        IOException e = assertThrows(IOException.class, this::compare);
        assertTrue(e.getMessage().contains(dir.resolve("committed").toString()), e.getMessage());
    }
}
