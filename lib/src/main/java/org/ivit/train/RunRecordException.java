package org.ivit.train;

import java.nio.file.Path;

/**
 * A run record (summary.json or metrics.csv) that breaks the contract; the message names the file.
 */
public class RunRecordException extends RuntimeException {
    private final transient Path file;

    public RunRecordException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public RunRecordException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
