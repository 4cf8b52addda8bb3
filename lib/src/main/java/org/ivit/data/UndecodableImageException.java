package org.ivit.data;

import java.io.IOException;

/** An image file that cannot be decoded (corrupt, truncated, or an unsupported format). */
public final class UndecodableImageException extends IOException {
    public UndecodableImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
