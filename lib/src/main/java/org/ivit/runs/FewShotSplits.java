package org.ivit.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ivit.data.LabeledImage;
import org.ivit.data.PreparedDataset;
import org.ivit.data.Split;
import org.ivit.data.SplitFile;
import org.ivit.io.FileDigest;
import org.ivit.spec.SpecException;
import org.ivit.train.FewShotSubset;

/**
 * The subsets of CoOp's few-shot protocol, as split files: k training images per class from the
 * training split and min(k, 4) validation images per class from the validation split, drawn by the
 * seed (the test split stays whole). They live in {@code <results>/splits/<dataset>-k<k>-seed<s>/}
 * ({@code train.csv}, {@code val.csv}, the prepared layout's split format), beside the run records
 * rather than inside a run's folder: every method with the same dataset, k and seed trains on the
 * same images, which a paired comparison needs, and the folder is committed (run folders keep only
 * their records). The draw shuffles each class with its own seeded generator and takes the first k,
 * so it depends on nothing but the split file, the seed and k, and the k = 1 images are among the k
 * = 2 ones.
 */
public final class FewShotSplits {
    /** Validation images per class: min(k, {@value}), as CoOp. */
    public static final int MAX_VAL_PER_CLASS = 4;

    public static final String FOLDER = "splits";

    private FewShotSplits() {}

    /** Validation images per class for k training images per class. */
    public static int valPerClass(int shots) {
        return Math.min(shots, MAX_VAL_PER_CLASS);
    }

    /** {@code <results>/splits/<dataset>-k<k>-seed<s>}. */
    public static Path folder(Path resultsDir, String dataset, int shots, int seed) {
        return resultsDir.resolve(FOLDER).resolve(dataset + "-k" + shots + "-seed" + seed);
    }

    /**
     * Refuses a k the dataset cannot give: more training images, or more than min(k, 4) validation
     * images, than its smallest class has. Cheap (reads the two split files), so it runs before any
     * work.
     *
     * @param source where the spec came from, for the error
     */
    public static void check(PreparedDataset dataset, int shots, String source) throws IOException {
        if (shots <= 0) {
            return;
        }
        require(dataset, Split.TRAIN, shots, "shots = " + shots, source);
        require(
                dataset,
                Split.VAL,
                valPerClass(shots),
                "shots = "
                        + shots
                        + " (min(k, 4) = "
                        + valPerClass(shots)
                        + " validation images per class)",
                source);
    }

    private static void require(
            PreparedDataset dataset, Split split, int perClass, String what, String source)
            throws IOException {
        int[] counts = new int[dataset.numClasses()];
        for (LabeledImage row : dataset.split(split)) {
            counts[row.label()]++;
        }
        int smallest = 0;
        for (int c = 1; c < counts.length; c++) {
            if (counts[c] < counts[smallest]) {
                smallest = c;
            }
        }
        if (counts[smallest] < perClass) {
            throw new SpecException(
                    source,
                    "shots",
                    "= "
                            + what
                            + " needs "
                            + perClass
                            + " images of every class in the "
                            + split.name().toLowerCase(java.util.Locale.ROOT)
                            + " split of dataset "
                            + dataset.name()
                            + ", but its class '"
                            + dataset.classNames().get(smallest)
                            + "' has "
                            + counts[smallest]
                            + " ("
                            + dataset.layout().split(split)
                            + ")");
        }
    }

    /**
     * {@code perClass} rows of every class, drawn by {@code seed}, in the split's order. Each class
     * is shuffled by its own generator (seed and label), so a larger k extends a smaller one.
     *
     * @param stream tells the training draw from the validation draw of the same seed
     */
    static List<LabeledImage> draw(
            List<LabeledImage> rows, int classes, int perClass, long seed, int stream) {
        List<List<Integer>> byClass = LabeledImage.indicesByClass(rows, classes);
        List<Integer> chosen = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> members = byClass.get(c);
            if (members.size() < perClass) {
                throw new IllegalArgumentException(
                        "class "
                                + c
                                + " has "
                                + members.size()
                                + " images, fewer than "
                                + perClass);
            }
            Collections.shuffle(members, new Random(seed * 1_000_003L + stream * 7_919L + c));
            chosen.addAll(members.subList(0, perClass));
        }
        Collections.sort(chosen);
        return chosen.stream().map(rows::get).toList();
    }

    /** A drawn subset: its record (split files and hashes) and its rows, as the files hold them. */
    public record Subset(FewShotSubset record, List<LabeledImage> train, List<LabeledImage> val) {}

    /** {@link #subset}'s record. */
    public static FewShotSubset write(PreparedDataset dataset, int shots, int seed, Path resultsDir)
            throws IOException {
        return subset(dataset, shots, seed, resultsDir).record();
    }

    /**
     * Draws the subset and writes its split files, or finds them already written with the same
     * rows; a file that holds other rows (edited, or from another preparation of the dataset) is
     * refused, naming it, rather than overwritten. So the rows returned are the files' rows.
     */
    public static Subset subset(PreparedDataset dataset, int shots, int seed, Path resultsDir)
            throws IOException {
        check(dataset, shots, "spec");
        Path folder = folder(resultsDir, dataset.name(), shots, seed);
        List<LabeledImage> train =
                draw(dataset.split(Split.TRAIN), dataset.numClasses(), shots, seed, 0);
        List<LabeledImage> val =
                draw(dataset.split(Split.VAL), dataset.numClasses(), valPerClass(shots), seed, 1);
        Path trainFile = folder.resolve(Split.TRAIN.fileName());
        Path valFile = folder.resolve(Split.VAL.fileName());
        writeOrMatch(trainFile, train);
        writeOrMatch(valFile, val);
        return new Subset(
                new FewShotSubset(
                        shots,
                        seed,
                        relative(resultsDir, trainFile),
                        FileDigest.sha256(trainFile),
                        relative(resultsDir, valFile),
                        FileDigest.sha256(valFile)),
                train,
                val);
    }

    private static void writeOrMatch(Path file, List<LabeledImage> rows) throws IOException {
        if (Files.isRegularFile(file)) {
            List<LabeledImage> existing = SplitFile.read(file);
            if (!existing.equals(rows)) {
                throw new IOException(
                        file
                                + " holds other images than this seed and k draw from the prepared dataset ("
                                + existing.size()
                                + " rows, "
                                + rows.size()
                                + " drawn); it was edited or the dataset was prepared again."
                                + " Delete the folder to draw the subset again");
            }
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        SplitFile.write(tmp, rows);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String relative(Path resultsDir, Path file) {
        return resultsDir
                .toAbsolutePath()
                .normalize()
                .relativize(file.toAbsolutePath().normalize())
                .toString()
                .replace('\\', '/');
    }

    /**
     * The positions of {@code subset}'s rows in {@code all} (each row once), for a sub-dataset of
     * the whole split.
     */
    public static List<Long> indices(List<LabeledImage> all, List<LabeledImage> subset) {
        Map<LabeledImage, Long> position = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            position.putIfAbsent(all.get(i), (long) i);
        }
        List<Long> out = new ArrayList<>();
        for (LabeledImage row : subset) {
            Long i = position.get(row);
            if (i == null) {
                throw new IllegalArgumentException(
                        "the subset names " + row.path() + ", which is not in the split");
            }
            out.add(i);
        }
        return out;
    }
}
