package org.ivit.data.prepare;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.ivit.data.BenchmarkDataset;
import org.ivit.data.LabeledImage;
import org.ivit.io.ArchiveExtractor;

/**
 * Stanford Cars: 196 classes, official train 8144 / test 8041. The original host is gone, so the
 * images must come through --from (a folder or URL holding the original files, e.g. copied from a
 * Kaggle bundle of them); only car_devkit.tgz has a known mirror, a copy attached to a
 * pytorch/vision GitHub issue. Class names come from devkit/cars_meta.mat ({@code class_names});
 * labels from the {@code annotations} struct arrays ({@code fname}, {@code class}, 1-based) of
 * devkit/cars_train_annos.mat and cars_test_annos_withlabels.mat. Validation is carved from train,
 * 20% per class, as CoOp does ("official" and "coop" are the same algorithm).
 */
public final class StanfordCarsRecipe extends SourcedRecipe {
    public static final String NAME = "stanford_cars";

    /** Classes in the prepared dataset: the 196 car models. */
    public static final int CLASSES = 196;

    /** Its id, the paper's column title, its template set and its column in the paper. */
    public static final BenchmarkDataset DATASET =
            new BenchmarkDataset(NAME, "Cars", CLASSES, "cars", 2);

    static final String GONE =
            "Stanford Cars' original host (ai.stanford.edu/~jkrause/car196/) is gone, so %s cannot be "
                    + "downloaded automatically. Get the original files cars_train.tgz, cars_test.tgz, car_devkit.tgz and "
                    + "cars_test_annos_withlabels.mat by hand (e.g. from a Kaggle bundle of the original archives; "
                    + "car_devkit.tgz is also at https://github.com/pytorch/vision/files/11644847/car_devkit.tgz), put them in one folder and run: "
                    + "data-scripts/prepare stanford_cars --from FOLDER. Their md5 values are checked; see data-scripts/README.md.";

    /** md5 values as torchvision published them for the original files (FACTS §4). */
    public static final List<SourceFile> OFFICIAL_SOURCES =
            List.of(
                    gone("cars_train.tgz", "065e5b463ae28d29e77c1b4b166cfe61"),
                    gone("cars_test.tgz", "4ce7ebf6a94d07f1952d94dd34c4d501"),
                    new SourceFile(
                            "car_devkit.tgz",
                            URI.create(
                                    "https://github.com/pytorch/vision/files/11644847/car_devkit.tgz"),
                            "c3b158d763b6e2245038c8ad08e45376",
                            String.format(GONE, "car_devkit.tgz")),
                    gone("cars_test_annos_withlabels.mat", "b0a2b23655a3edd16d84508592a98d10"));

    private static final double VAL_FRACTION = 0.2;

    public StanfordCarsRecipe() {
        this(OFFICIAL_SOURCES);
    }

    public StanfordCarsRecipe(List<SourceFile> sources) {
        super(DATASET, List.of("official", "coop"), sources);
    }

    private static SourceFile gone(String fileName, String md5) {
        return new SourceFile(fileName, null, md5, String.format(GONE, fileName));
    }

    @Override
    public PreparedContent build(SourceFetcher fetcher, Path staging, SplitSettings settings)
            throws IOException {
        Path train = fetch(fetcher, "cars_train.tgz");
        Path test = fetch(fetcher, "cars_test.tgz");
        Path devkit = fetch(fetcher, "car_devkit.tgz");
        Path testAnnotations = fetch(fetcher, "cars_test_annos_withlabels.mat");

        ArchiveExtractor.extract(
                devkit,
                staging,
                name ->
                        name.equals("devkit/cars_meta.mat")
                                || name.equals("devkit/cars_train_annos.mat"));
        Path meta = staging.resolve("devkit/cars_meta.mat");
        Path trainAnnotations = staging.resolve("devkit/cars_train_annos.mat");
        if (!Files.isRegularFile(meta) || !Files.isRegularFile(trainAnnotations)) {
            throw new PrepareException(
                    "car_devkit.tgz lacks devkit/cars_meta.mat or devkit/cars_train_annos.mat");
        }
        Files.copy(
                testAnnotations,
                staging.resolve("devkit/cars_test_annos_withlabels.mat"),
                StandardCopyOption.REPLACE_EXISTING);

        List<String> classNames = new ArrayList<>();
        try (MatlabFile mat = MatlabFile.open(meta)) {
            for (String name : mat.strings("class_names")) {
                classNames.add(name.strip());
            }
        }
        List<LabeledImage> trainImages =
                annotations(trainAnnotations, "cars_train", classNames.size());
        List<LabeledImage> testImages =
                annotations(testAnnotations, "cars_test", classNames.size());
        ArchiveExtractor.extract(train, staging, name -> name.startsWith("cars_train/"));
        ArchiveExtractor.extract(test, staging, name -> name.startsWith("cars_test/"));

        PerClassSplit.TrainVal parts =
                PerClassSplit.carveValidation(trainImages, VAL_FRACTION, settings.splitRandom());
        return new PreparedContent(
                classNames,
                parts.train(),
                parts.val(),
                PerClassSplit.sorted(testImages),
                "official train/test; validation = 20% of train per class (seeded), as in CoOp");
    }

    private static List<LabeledImage> annotations(Path file, String folder, int classes)
            throws IOException {
        List<LabeledImage> images = new ArrayList<>();
        try (MatlabFile mat = MatlabFile.open(file)) {
            List<String> names = mat.structStrings("annotations", "fname");
            int[] labels = mat.structIntegers("annotations", "class");
            for (int i = 0; i < names.size(); i++) {
                if (labels[i] < 1 || labels[i] > classes) {
                    throw new PrepareException(
                            file.getFileName()
                                    + ": annotations("
                                    + (i + 1)
                                    + ").class = "
                                    + labels[i]
                                    + " is outside 1.."
                                    + classes);
                }
                images.add(new LabeledImage(folder + "/" + names.get(i).strip(), labels[i] - 1));
            }
        }
        return images;
    }
}
