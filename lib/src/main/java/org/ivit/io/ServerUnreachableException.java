package org.ivit.io;

import java.io.IOException;
import java.net.URI;

/** No attempt to download got any answer: no network, a wrong address, or the server is down. */
public final class ServerUnreachableException extends IOException {
    public ServerUnreachableException(URI url, IOException last) {
        super(
                "cannot reach "
                        + url.getScheme()
                        + "://"
                        + url.getAuthority()
                        + " ("
                        + last.getClass().getSimpleName()
                        + (last.getMessage() == null ? "" : ": " + last.getMessage())
                        + ")",
                last);
    }
}
