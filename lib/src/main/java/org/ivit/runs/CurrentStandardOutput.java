package org.ivit.runs;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A PrintStream that writes to whatever {@code System.out} is at the time of writing. Notebook
 * kernels give each cell its own {@code System.out}; a stream captured when an object was made in
 * one cell would send later cells' output to a cell that has finished, where nobody sees it.
 */
final class CurrentStandardOutput {
    private CurrentStandardOutput() {}

    static PrintStream stream() {
        return new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        System.out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        System.out.write(b, off, len);
                    }

                    @Override
                    public void flush() {
                        System.out.flush();
                    }
                },
                true,
                StandardCharsets.UTF_8);
    }
}
