package org.ivit.data;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ivit.data.augment.RgbImage;

/** Least-recently-used decoded images, bounded by their total size in bytes. Thread-safe. */
public final class DecodedImageCache {
    private final long maxBytes;
    private final LinkedHashMap<Integer, RgbImage> images = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    public DecodedImageCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public synchronized RgbImage get(int index) {
        RgbImage image = images.get(index);
        if (image == null) {
            misses++;
        } else {
            hits++;
        }
        return image;
    }

    public synchronized void put(int index, RgbImage image) {
        if (image.sizeInBytes() > maxBytes) {
            return;
        }
        RgbImage previous = images.put(index, image);
        bytes += image.sizeInBytes() - (previous == null ? 0 : previous.sizeInBytes());
        var eldest = images.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<Integer, RgbImage> entry = eldest.next();
            bytes -= entry.getValue().sizeInBytes();
            eldest.remove();
        }
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return images.size();
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }
}
