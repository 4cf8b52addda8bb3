package org.ivit.data.prepare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.ivit.data.LabeledImage;

/**
 * Seeded splits that keep class balance, as CoOp makes them: within each class (in label order),
 * images are sorted by path, shuffled with the one seeded generator, then cut by counts rounded
 * half-to-even like Python's round().
 */
public final class PerClassSplit {
    /** Train and validation images carved from one list. */
    public record TrainVal(List<LabeledImage> train, List<LabeledImage> val) {}

    /** Images taken per class, and the rest. */
    public record Cut(List<LabeledImage> taken, List<LabeledImage> rest) {}

    /** A three-way split. */
    public record Parts(
            List<LabeledImage> train, List<LabeledImage> val, List<LabeledImage> test) {}

    private PerClassSplit() {}

    /** Moves round(n·valFraction) images of each class from {@code trainval} to validation. */
    public static TrainVal carveValidation(
            List<LabeledImage> trainval, double valFraction, Random random) {
        List<LabeledImage> train = new ArrayList<>();
        List<LabeledImage> val = new ArrayList<>();
        for (List<LabeledImage> images : shuffledByClass(trainval, random)) {
            int nVal = (int) Math.rint(images.size() * valFraction);
            if (images.size() >= 2) {
                nVal = Math.max(1, Math.min(nVal, images.size() - 1));
            } else {
                nVal = 0;
            }
            val.addAll(images.subList(0, nVal));
            train.addAll(images.subList(nVal, images.size()));
        }
        return new TrainVal(sorted(train), sorted(val));
    }

    /**
     * CoOp's random split: per class round(n·train) train, round(n·val) validation, the rest test.
     */
    public static Parts byFractions(
            List<LabeledImage> all, double trainFraction, double valFraction, Random random) {
        List<LabeledImage> train = new ArrayList<>();
        List<LabeledImage> val = new ArrayList<>();
        List<LabeledImage> test = new ArrayList<>();
        for (List<LabeledImage> images : shuffledByClass(all, random)) {
            int n = images.size();
            int nTrain = (int) Math.rint(n * trainFraction);
            int nVal = (int) Math.rint(n * valFraction);
            if (nTrain + nVal > n) {
                nVal = n - nTrain;
            }
            train.addAll(images.subList(0, nTrain));
            val.addAll(images.subList(nTrain, nTrain + nVal));
            test.addAll(images.subList(nTrain + nVal, n));
        }
        return new Parts(sorted(train), sorted(val), sorted(test));
    }

    /** Per class the first {@code perClass} shuffled images (all if fewer), and the rest. */
    public static Cut takePerClass(List<LabeledImage> all, int perClass, Random random) {
        List<LabeledImage> taken = new ArrayList<>();
        List<LabeledImage> rest = new ArrayList<>();
        for (List<LabeledImage> images : shuffledByClass(all, random)) {
            int n = Math.min(perClass, images.size());
            taken.addAll(images.subList(0, n));
            rest.addAll(images.subList(n, images.size()));
        }
        return new Cut(sorted(taken), sorted(rest));
    }

    /** Images ordered by label, then path: the order split files are written in. */
    public static List<LabeledImage> sorted(List<LabeledImage> images) {
        List<LabeledImage> copy = new ArrayList<>(images);
        copy.sort(Comparator.comparingInt(LabeledImage::label).thenComparing(LabeledImage::path));
        return copy;
    }

    private static List<List<LabeledImage>> shuffledByClass(
            List<LabeledImage> images, Random random) {
        TreeMap<Integer, List<LabeledImage>> byLabel = new TreeMap<>();
        for (LabeledImage image : images) {
            byLabel.computeIfAbsent(image.label(), k -> new ArrayList<>()).add(image);
        }
        List<List<LabeledImage>> groups = new ArrayList<>();
        for (List<LabeledImage> group : byLabel.values()) {
            group.sort(Comparator.comparing(LabeledImage::path));
            Collections.shuffle(group, random);
            groups.add(group);
        }
        return groups;
    }
}
