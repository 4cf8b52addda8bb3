package org.ivit.data;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of a split file: an image path relative to the dataset folder, with '/' separators, and
 * its label.
 */
public record LabeledImage(String path, int label) {
    public LabeledImage {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException(
                    "image path must be relative with '/' separators: " + path);
        }
        for (String part : path.split("/")) {
            if (part.equals("..") || part.isEmpty()) {
                throw new IllegalArgumentException(
                        "image path must stay inside the dataset folder: " + path);
            }
        }
        if (label < 0) {
            throw new IllegalArgumentException("label must be >= 0: " + label + " for " + path);
        }
    }

    /**
     * The positions of {@code rows} by label: entry c lists, ascending, the indices of class c's
     * rows (labels below {@code classes}).
     */
    public static List<List<Integer>> indicesByClass(List<LabeledImage> rows, int classes) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < rows.size(); i++) {
            byClass.get(rows.get(i).label()).add(i);
        }
        return byClass;
    }
}
