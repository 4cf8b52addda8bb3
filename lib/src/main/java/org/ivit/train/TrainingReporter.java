package org.ivit.train;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Where a run reports. On a terminal: a progress bar per epoch with step, loss, lr and throughput.
 * Outside one (a log file, a pipe to {@code tee}, CI, a batch job, a notebook cell): one plain line
 * per tenth of the epoch or per half minute, never carriage-return redraws. Notebooks use the quiet
 * reporter: only a compact line per epoch, because progress bars flood cell outputs.
 */
public interface TrainingReporter {

    void startEpoch(int epoch, int epochs, long steps);

    void step(long stepInEpoch, double loss, double lr, double imagesPerSecond);

    void endEpoch(RunDirectory.EpochMetrics metrics);

    void message(String text);

    /** The progress bar on a terminal, else {@link ProgressLines} on System.out. */
    static TrainingReporter console(String runId) {
        return onTerminal()
                ? new Console(runId)
                : new ProgressLines(runId, System.out, System::nanoTime);
    }

    /**
     * True if System.out is a terminal that can redraw a line. {@code IVIT_PROGRESS=lines} or
     * {@code =bar} overrides the detection.
     */
    static boolean onTerminal() {
        String forced = System.getenv("IVIT_PROGRESS");
        if ("lines".equals(forced)) {
            return false;
        }
        if ("bar".equals(forced)) {
            return true;
        }
        // Java 17: console() is non-null only when stdin and stdout are both a terminal.
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    static TrainingReporter quiet(PrintStream out) {
        return new Quiet(out);
    }

    /** A per-epoch line, shared by both reporters. */
    static String summaryLine(RunDirectory.EpochMetrics m) {
        return String.format(
                Locale.ROOT,
                "epoch %d: loss %.4f, lr %.2e, val top-1 %.2f%%, %.0f s%s",
                m.epoch() + 1,
                m.trainLoss(),
                m.lr(),
                m.valTop1(),
                m.seconds(),
                Double.isNaN(m.testTop1())
                        ? ""
                        : String.format(Locale.ROOT, ", test top-1 %.2f%%", m.testTop1()));
    }

    final class Console implements TrainingReporter {
        private final String runId;
        private ProgressBar bar;

        Console(String runId) {
            this.runId = runId;
        }

        @Override
        public void startEpoch(int epoch, int epochs, long steps) {
            bar =
                    new ProgressBarBuilder()
                            .setTaskName(String.format("%s %d/%d", runId, epoch + 1, epochs))
                            .setInitialMax(steps)
                            .setStyle(ProgressBarStyle.ASCII)
                            .setUpdateIntervalMillis(500)
                            .build();
        }

        @Override
        public void step(long stepInEpoch, double loss, double lr, double imagesPerSecond) {
            bar.stepTo(stepInEpoch);
            bar.setExtraMessage(
                    String.format(
                            Locale.ROOT,
                            " loss %.4f lr %.2e %.0f img/s",
                            loss,
                            lr,
                            imagesPerSecond));
        }

        @Override
        public void endEpoch(RunDirectory.EpochMetrics metrics) {
            if (bar != null) {
                bar.close();
            }
            System.out.println(summaryLine(metrics));
        }

        @Override
        public void message(String text) {
            System.out.println(text);
        }
    }

    final class Quiet implements TrainingReporter {
        private final PrintStream out;

        Quiet(PrintStream out) {
            this.out = out;
        }

        @Override
        public void startEpoch(int epoch, int epochs, long steps) {
            // nothing until the epoch ends
        }

        @Override
        public void step(long stepInEpoch, double loss, double lr, double imagesPerSecond) {
            // nothing per step
        }

        @Override
        public void endEpoch(RunDirectory.EpochMetrics metrics) {
            out.println("  " + summaryLine(metrics));
        }

        @Override
        public void message(String text) {
            out.println(text);
        }
    }
}
