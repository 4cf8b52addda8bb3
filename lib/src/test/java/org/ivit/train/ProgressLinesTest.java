package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress outside a terminal: plain lines, a bounded number of them, no carriage returns. */
class ProgressLinesTest {

    private static RunDirectory.EpochMetrics metrics(int epoch) {
        return new RunDirectory.EpochMetrics(
                epoch, 0.5, 1e-3, 80.0, 95.0, Double.NaN, Double.NaN, 12.0);
    }

    @Test
    void aFastEpochPrintsOneLinePerTenthAndItsSummary() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressLines reporter =
                new ProgressLines(
                        "quick-vit",
                        new PrintStream(bytes, true, StandardCharsets.UTF_8),
                        now::get);
        for (int epoch = 0; epoch < 2; epoch++) {
            reporter.startEpoch(epoch, 2, 10_000);
            for (long step = 1; step <= 10_000; step++) {
                now.addAndGet(1_000_000L); // 1 ms per step: 10 s per epoch
                reporter.step(step, 0.5, 1e-3, 200);
            }
            reporter.endEpoch(metrics(epoch));
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), "carriage return in the output");
        String[] lines = text.split("\n");
        assertEquals(2 * (10 + 1), lines.length, text);
        assertEquals(
                "quick-vit 1/2: step 1000/10000 (10%), loss 0.5000, lr 1.00e-03, 200 img/s, 1 s",
                lines[0]);
        assertTrue(lines[9].startsWith("quick-vit 1/2: step 10000/10000 (100%)"), lines[9]);
        assertTrue(lines[10].startsWith("epoch 1: loss 0.5000"), lines[10]);
    }

    @Test
    void aSlowEpochAlsoPrintsEveryHalfMinute() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressLines reporter =
                new ProgressLines(
                        "paper", new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);
        reporter.startEpoch(0, 1, 100);
        for (long step = 1; step <= 100; step++) {
            now.addAndGet(6_000_000_000L); // 6 s per step: 10 minutes per epoch
            reporter.step(step, 1.0, 1e-4, 5);
        }
        long lines = bytes.toString(StandardCharsets.UTF_8).lines().count();
        // a line per 10 steps (60 s) from the tenths, plus one per 30 s in between: 20 in all
        assertEquals(20, lines);
    }

    @Test
    void theConsoleReporterOutsideATerminalWritesLinesNotRedraws() throws InterruptedException {
        assumeTrue(
                System.getenv("IVIT_PROGRESS") == null,
                "IVIT_PROGRESS overrides the terminal detection");
        // The test JVM's output is a pipe, as with "ivit train 2>&1 | tee log".
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            TrainingReporter reporter = TrainingReporter.console("quick-vit");
            reporter.startEpoch(0, 1, 2_000);
            for (long step = 1; step <= 2_000; step++) {
                if (step % 100 == 0) {
                    Thread.sleep(60); // 1.2 s in all: a progress bar would redraw a few times
                }
                reporter.step(step, 0.5, 1e-3, 200);
            }
            reporter.endEpoch(metrics(0));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), () -> "carriage returns: " + text.replace("\r", "\\r"));
        assertTrue(text.lines().count() <= 12, text);
        assertTrue(text.contains("step 2000/2000 (100%)"), text);
        assertInstanceOf(ProgressLines.class, TrainingReporter.console("x"));
    }
}
