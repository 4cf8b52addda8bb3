package org.ivit.runs;

import ai.djl.training.dataset.RandomAccessDataset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ivit.data.LabeledImage;
import org.ivit.data.PreparedImageDataset;

/**
 * A seeded, class-balanced subset of a split (training or validation): about {@code total /
 * classes} images per class.
 */
final class BalancedSubset {
    private BalancedSubset() {}

    static RandomAccessDataset of(PreparedImageDataset split, int total, long seed) {
        return split.subDataset(indices(split.rows(), split.numClasses(), total, seed));
    }

    /**
     * The chosen row indices, ascending: {@code total / classes} (at least 1) of each class, or all
     * of a smaller class.
     */
    static List<Long> indices(List<LabeledImage> rows, int classes, int total, long seed) {
        Random random = new Random(seed);
        int perClass = Math.max(1, total / classes);
        List<Long> chosen = new ArrayList<>();
        for (List<Integer> members : LabeledImage.indicesByClass(rows, classes)) {
            Collections.shuffle(members, random);
            members.subList(0, Math.min(perClass, members.size()))
                    .forEach(i -> chosen.add((long) i));
        }
        Collections.sort(chosen);
        return chosen;
    }
}
