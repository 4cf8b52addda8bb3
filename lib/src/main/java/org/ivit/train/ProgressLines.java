package org.ivit.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Training progress for output that is not a terminal: a plain line each time the epoch passes
 * another tenth of its steps, or half a minute after the last line, whichever comes first. A log
 * then holds at most about a dozen lines per epoch, each readable on its own, where a progress bar
 * would write thousands of carriage-return redraws into a single line.
 */
public final class ProgressLines implements TrainingReporter {

    static final long INTERVAL_NANOS = 30_000_000_000L;
    static final int PARTS = 10;

    private final String runId;
    private final PrintStream out;
    private final LongSupplier clock;
    private int epoch;
    private int epochs;
    private long steps;
    private long epochStart;
    private long lastLine;
    private int partsShown;

    public ProgressLines(String runId, PrintStream out, LongSupplier nanoClock) {
        this.runId = runId;
        this.out = out;
        this.clock = nanoClock;
    }

    @Override
    public void startEpoch(int epoch, int epochs, long steps) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.steps = steps;
        this.epochStart = clock.getAsLong();
        this.lastLine = epochStart;
        this.partsShown = 0;
    }

    @Override
    public void step(long stepInEpoch, double loss, double lr, double imagesPerSecond) {
        long now = clock.getAsLong();
        int parts = steps > 0 ? (int) Math.min(PARTS, stepInEpoch * PARTS / steps) : 0;
        boolean newPart = parts > partsShown;
        boolean due = now - lastLine >= INTERVAL_NANOS;
        if (!newPart && !due) {
            return;
        }
        partsShown = Math.max(partsShown, parts);
        lastLine = now;
        double percent = steps > 0 ? 100.0 * stepInEpoch / steps : 0;
        out.println(
                String.format(
                        Locale.ROOT,
                        "%s %d/%d: step %d/%d (%.0f%%), loss %.4f, lr %.2e, %.0f img/s, %.0f s",
                        runId,
                        epoch + 1,
                        epochs,
                        stepInEpoch,
                        steps,
                        percent,
                        loss,
                        lr,
                        imagesPerSecond,
                        (now - epochStart) / 1e9));
        out.flush();
    }

    @Override
    public void endEpoch(RunDirectory.EpochMetrics metrics) {
        out.println(TrainingReporter.summaryLine(metrics));
        out.flush();
    }

    @Override
    public void message(String text) {
        out.println(text);
        out.flush();
    }
}
