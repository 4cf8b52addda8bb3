package org.ivit.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Malformed or unexpected safetensors content; always names the file and, where known, the tensor.
 */
public class SafetensorsException extends IOException {
    private final transient Path file;
    private final String tensor;

    public SafetensorsException(Path file, String tensor, String problem) {
        super(describe(file, tensor, problem));
        this.file = file;
        this.tensor = tensor;
    }

    public Path file() {
        return file;
    }

    /** The tensor concerned, or null when the problem is with the file as a whole. */
    public String tensor() {
        return tensor;
    }

    private static String describe(Path file, String tensor, String problem) {
        String where = tensor == null ? "" : " tensor '" + tensor + "':";
        return "safetensors file " + file + ":" + where + " " + problem;
    }
}
