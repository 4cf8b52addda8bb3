package org.ivit.io;

import java.io.IOException;
import java.net.URI;

/**
 * A download answered with an HTTP status that retrying will not fix (e.g. 404: the source is
 * gone).
 */
public final class HttpStatusException extends IOException {
    private final int status;

    public HttpStatusException(URI url, int status) {
        super("HTTP " + status + " for " + url);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
