package org.ivit.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file whose MD5 differs from the published one; it must never be used. */
public final class ChecksumMismatchException extends IOException {
    private final Path file;
    private final String expected;
    private final String actual;

    public ChecksumMismatchException(
            Path file, String expected, String actual, String whatHappened) {
        super(
                "md5 mismatch for "
                        + file.getFileName()
                        + ": expected "
                        + expected
                        + ", actual "
                        + actual
                        + ". "
                        + whatHappened);
        this.file = file;
        this.expected = expected;
        this.actual = actual;
    }

    public Path file() {
        return file;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
