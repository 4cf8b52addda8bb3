package org.ivit.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Collects bytes written to System.out/err by a cell and hands them on as text on flush.
 * Also flushes on its own every few hundred milliseconds, so progress output written
 * without a newline still reaches the notebook while a long cell runs.
 */
final class CellOutputStream extends OutputStream {

    private static final long MAX_HOLD_NANOS = 250_000_000L;

    private final Consumer<String> sink;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long lastFlush = System.nanoTime();

    CellOutputStream(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
        flushIfHeldTooLong();
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        pending.write(bytes, offset, length);
        flushIfHeldTooLong();
    }

    @Override
    public synchronized void flush() {
        lastFlush = System.nanoTime();
        if (pending.size() == 0) {
            return;
        }
        String text = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        sink.accept(text);
    }

    private void flushIfHeldTooLong() {
        if (System.nanoTime() - lastFlush > MAX_HOLD_NANOS) {
            flush();
        }
    }
}
