package org.ivit.prompt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.ivit.data.LabeledImage;

/**
 * Picks k training images per class with a seed. Each class draws from its own generator (seed and
 * label), over its images sorted by path, so the pick of one class does not depend on the row order
 * of the split file or on the other classes.
 */
final class TrainingImageChoice {
    private TrainingImageChoice() {}

    static List<List<LabeledImage>> choose(
            List<LabeledImage> train, List<String> classes, int perClass, long seed) {
        if (perClass < 1) {
            throw new IllegalArgumentException(
                    "images per class must be at least 1, not " + perClass);
        }
        List<List<LabeledImage>> byClass = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (LabeledImage row : train) {
            byClass.get(row.label()).add(row);
        }
        List<List<LabeledImage>> chosen = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<LabeledImage> pool = byClass.get(c);
            if (pool.size() < perClass) {
                throw new IllegalArgumentException(
                        "class '"
                                + classes.get(c)
                                + "' (label "
                                + c
                                + ") has "
                                + pool.size()
                                + " training images, fewer than the "
                                + perClass
                                + " asked for");
            }
            pool.sort(Comparator.comparing(LabeledImage::path));
            Random random = new Random(seed * 1_000_003L + c);
            for (int i = 0; i < perClass; i++) { // partial Fisher-Yates: the first perClass slots
                int j = i + random.nextInt(pool.size() - i);
                LabeledImage t = pool.get(i);
                pool.set(i, pool.get(j));
                pool.set(j, t);
            }
            chosen.add(List.copyOf(pool.subList(0, perClass)));
        }
        return chosen;
    }
}
