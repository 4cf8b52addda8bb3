package org.ivit.data;

/** One row of a split file: an image path relative to the dataset folder, with '/' separators, and its label. */
public record LabeledImage(String path, int label) {
    public LabeledImage {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException("image path must be relative with '/' separators: " + path);
        }
        for (String part : path.split("/")) {
            if (part.equals("..") || part.isEmpty()) {
                throw new IllegalArgumentException("image path must stay inside the dataset folder: " + path);
            }
        }
        if (label < 0) {
            throw new IllegalArgumentException("label must be >= 0: " + label + " for " + path);
        }
    }
}
