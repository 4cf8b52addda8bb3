package org.ivit.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.ivit.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ivit fidelity}'s report lines and exit status (the comparisons themselves:
 * TrainingFidelityTest).
 */
class FidelityCommandTest {
    @Test
    void oneLinePerComparisonAndAFailNamesItself() {
        FidelityReport report =
                new FidelityReport(
                        List.of(
                                new Comparison("authors-full", "loss, rel", 2.2e-7, 1e-5),
                                new Comparison("authors-full", "lr, |diff|", 7.75e-4, 1e-15)));
        List<String> lines = report.lines();
        assertEquals(4, lines.size(), lines::toString);
        assertTrue(
                lines.get(1).matches("authors-full +loss, rel +2\\.20e-07 +1\\.00e-05 +pass"),
                lines.get(1));
        assertTrue(
                lines.get(2).matches("authors-full +lr, \\|diff\\| +0\\.000775 +1\\.00e-15 +FAIL"),
                lines.get(2));
        assertEquals("fidelity: 1 of 2 comparisons FAIL", lines.get(3));
        assertTrue(!report.passed());
    }

    @Test
    void aFolderWithoutScenariosIsAnErrorNamingIt(@TempDir Path empty) {
        CliRun run = CliRun.of("fidelity", "--references", empty.toString());
        assertEquals(1, run.exitCode(), run::out);
        assertTrue(
                run.err().contains("no training scenario") && run.err().contains(empty.toString()),
                run.err());
    }

    @Test
    void helpSaysWhatItCompares() {
        CliRun run = CliRun.of("fidelity", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(
                run.out().contains("--references") && run.out().contains("pass or FAIL"),
                run.out());
    }
}
