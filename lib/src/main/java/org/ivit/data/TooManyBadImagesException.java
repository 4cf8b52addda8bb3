package org.ivit.data;

import java.io.IOException;

/** More images of a split failed to decode than the allowed share (1% by default). */
public final class TooManyBadImagesException extends IOException {
    public TooManyBadImagesException(String message) {
        super(message);
    }
}
