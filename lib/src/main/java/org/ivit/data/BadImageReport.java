package org.ivit.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The images of a split that could not be decoded, with the reason for each. A run summary records
 * {@link #count()}; the loader fails once the count exceeds the allowed share.
 */
public final class BadImageReport {
    private final Map<String, String> reasons = new LinkedHashMap<>();

    /** Returns true if the image was not reported before. */
    public synchronized boolean record(String path, String reason) {
        return reasons.putIfAbsent(path, reason) == null;
    }

    public synchronized int count() {
        return reasons.size();
    }

    /** Path → reason, in the order they were found. */
    public synchronized Map<String, String> reasons() {
        return new LinkedHashMap<>(reasons);
    }
}
