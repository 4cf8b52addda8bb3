package org.ivit.io;

import java.io.IOException;

/** An archive entry that could write outside the target folder, or a link, which we refuse. */
public final class UnsafeArchiveException extends IOException {
    public UnsafeArchiveException(String message) {
        super(message);
    }
}
