package org.ivit.spec;

import java.nio.file.Path;

/**
 * A plan file, or one of its lines, that cannot be trained; the message names the file and the
 * line.
 */
public final class PlanFileException extends IllegalArgumentException {
    public PlanFileException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
