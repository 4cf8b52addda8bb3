package org.ivit.platform;

/** A run that must train on a GPU found none; the message names what to check. */
public final class GpuRequiredException extends IllegalStateException {
    public GpuRequiredException(String message) {
        super(message);
    }
}
