package org.ivit.data.prepare;

import java.io.IOException;

/**
 * A problem the user can fix (missing file, unknown protocol, gone source); the message says how.
 */
public final class PrepareException extends IOException {
    public PrepareException(String message) {
        super(message);
    }

    public PrepareException(String message, Throwable cause) {
        super(message, cause);
    }
}
