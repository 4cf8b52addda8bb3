package org.ivit.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The kernel's System.out and System.err. Text is collected and sent to the current {@link
 * CellOutput} as one stream message per interval (and on {@link #flush()}), not one per println: a
 * loop printing thousands of lines would otherwise exceed the front end's IOPub message rate, and
 * the notebook server drops what comes after. Text written by other threads after a cell ended goes
 * to the same target, which stays the last cell's output.
 */
final class OutputBatcher implements AutoCloseable {

    static final long DEFAULT_INTERVAL_MS = 50;

    enum Kind {
        OUT,
        ERR
    }

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Kind pendingKind = Kind.OUT;
    private CellOutput target;
    private final PrintStream out =
            new PrintStream(new KindStream(Kind.OUT), false, StandardCharsets.UTF_8);
    private final PrintStream err =
            new PrintStream(new KindStream(Kind.ERR), false, StandardCharsets.UTF_8);
    private final ScheduledExecutorService timer;
    private int sends;

    OutputBatcher(CellOutput initialTarget, long intervalMillis) {
        this.target = initialTarget;
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "kernel-output-flush");
                            thread.setDaemon(true);
                            return thread;
                        });
        timer.scheduleWithFixedDelay(
                this::flushQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** Sends what is pending to the old target, then routes everything after to the new one. */
    synchronized void setTarget(CellOutput next) {
        flush();
        target = next;
    }

    /** A CellOutput for display(...) calls: pending text goes out first, so the order is kept. */
    CellOutput displaysInOrder(CellOutput cell) {
        return new CellOutput() {
            @Override
            public void stdout(String text) {
                cell.stdout(text);
            }

            @Override
            public void stderr(String text) {
                cell.stderr(text);
            }

            @Override
            public void display(DisplayData data) {
                synchronized (OutputBatcher.this) {
                    flush();
                    cell.display(data);
                }
            }
        };
    }

    /** Number of stream messages sent so far (for tests). */
    synchronized int sends() {
        return sends;
    }

    synchronized void write(Kind kind, byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (kind != pendingKind && pending.size() > 0) {
            flush(); // keeps the order of interleaved stdout and stderr
        }
        pendingKind = kind;
        pending.write(bytes, offset, length);
    }

    /** Sends the pending text now (the end of each cell calls this before its reply). */
    synchronized void flush() {
        // No out.flush() here: PrintStream hands every print to KindStream at once, and taking
        // the PrintStream's lock while holding this one could deadlock with a printing thread.
        if (pending.size() == 0) {
            return;
        }
        byte[] bytes = pending.toByteArray();
        int complete = completeUtf8Prefix(bytes);
        pending.reset();
        // A character split across writes waits for its remaining bytes.
        pending.write(bytes, complete, bytes.length - complete);
        if (complete == 0) {
            return;
        }
        String text = new String(Arrays.copyOf(bytes, complete), StandardCharsets.UTF_8);
        CellOutput sink = target;
        if (sink == null) {
            return;
        }
        sends++;
        if (pendingKind == Kind.OUT) {
            sink.stdout(text);
        } else {
            sink.stderr(text);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // a closed connection: nothing can be shown any more
        }
    }

    /** Length of the longest prefix that does not end inside a UTF-8 sequence. */
    static int completeUtf8Prefix(byte[] bytes) {
        int end = bytes.length;
        int back = 0;
        for (int i = end - 1; i >= 0 && back < 4; i--, back++) {
            int b = bytes[i] & 0xff;
            if ((b & 0xc0) == 0x80) {
                continue; // continuation byte
            }
            int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            return end - i >= needed ? end : i;
        }
        return end;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        flushQuietly();
    }

    private final class KindStream extends OutputStream {
        private final Kind kind;

        KindStream(Kind kind) {
            this.kind = kind;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            OutputBatcher.this.write(kind, bytes, offset, length);
        }
    }
}
