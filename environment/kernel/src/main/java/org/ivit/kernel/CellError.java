package org.ivit.kernel;

import java.util.List;

/**
 * A failed cell, in the shape Jupyter's error messages want: a name (the exception class), a
 * one-line message and the traceback lines the notebook shows.
 */
public record CellError(String name, String message, List<String> traceback) {

    public CellError {
        message = message == null ? "" : message;
        traceback = List.copyOf(traceback);
    }

    /** The traceback as one text, as nbconvert prints it. */
    public String text() {
        return String.join("\n", traceback);
    }
}
