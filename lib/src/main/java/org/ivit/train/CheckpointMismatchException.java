package org.ivit.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint whose parameters are not the model's (another method, backbone or class count): it
 * is refused before any weight is copied, naming the file and the first parameter that differs.
 */
public final class CheckpointMismatchException extends IOException {
    private final transient Path file;
    private final String parameter;

    public CheckpointMismatchException(Path file, String parameter, String problem) {
        super(
                file
                        + ": parameter "
                        + parameter
                        + " "
                        + problem
                        + "; it is a checkpoint of another model (move it away to"
                        + " train this run from the start, or point the run at its own checkpoint)");
        this.file = file;
        this.parameter = parameter;
    }

    public Path file() {
        return file;
    }

    public String parameter() {
        return parameter;
    }
}
