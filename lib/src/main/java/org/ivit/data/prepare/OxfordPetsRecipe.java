package org.ivit.data.prepare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ivit.data.BenchmarkDataset;
import org.ivit.data.LabeledImage;
import org.ivit.io.ArchiveExtractor;

/**
 * Oxford-IIIT Pets: 37 breeds. The official split is trainval (3680) / test (3669) from
 * annotations/trainval.txt and test.txt; validation is carved from trainval, 20% per class, as CoOp
 * does (so "official" and "coop" are the same algorithm). Class names come from the file names
 * without the trailing "_n", underscores as spaces, keeping the files' capitalisation (cats
 * capitalised, e.g. "British Shorthair"; dogs lower case, e.g. "american bulldog").
 */
public final class OxfordPetsRecipe extends SourcedRecipe {
    public static final String NAME = "oxford_pets";

    /** Classes in the prepared dataset: the 37 breeds. */
    public static final int CLASSES = 37;

    /** Its id, the paper's column title, its template set and its column in the paper. */
    public static final BenchmarkDataset DATASET =
            new BenchmarkDataset(NAME, "Pets", CLASSES, "pets", 1);

    /**
     * Source URLs and md5 values as published by the VGG group and used by torchvision (FACTS §4).
     */
    public static final List<SourceFile> OFFICIAL_SOURCES =
            List.of(
                    SourceFile.of(
                            "images.tar.gz",
                            "https://www.robots.ox.ac.uk/~vgg/data/pets/data/images.tar.gz",
                            "5c4f3ee8e5d25df40f4fd59a7f44e54c"),
                    SourceFile.of(
                            "annotations.tar.gz",
                            "https://www.robots.ox.ac.uk/~vgg/data/pets/data/annotations.tar.gz",
                            "95a8c909bbe2e81eed6a22bccdf3f68f"));

    private static final Pattern TRAILING_NUMBER = Pattern.compile("^(.+)_(\\d+)$");
    private static final double VAL_FRACTION = 0.2;

    public OxfordPetsRecipe() {
        this(OFFICIAL_SOURCES);
    }

    public OxfordPetsRecipe(List<SourceFile> sources) {
        super(DATASET, List.of("official", "coop"), sources);
    }

    @Override
    public PreparedContent build(SourceFetcher fetcher, Path staging, SplitSettings settings)
            throws IOException {
        Path images = fetch(fetcher, "images.tar.gz");
        Path annotations = fetch(fetcher, "annotations.tar.gz");
        ArchiveExtractor.extract(
                annotations,
                staging,
                name ->
                        name.equals("annotations/trainval.txt")
                                || name.equals("annotations/test.txt"));
        for (String list : List.of("trainval.txt", "test.txt")) {
            if (!Files.isRegularFile(staging.resolve("annotations").resolve(list))) {
                throw new PrepareException("annotations.tar.gz has no annotations/" + list);
            }
        }
        ArchiveExtractor.extract(
                images, staging, name -> name.startsWith("images/") && name.endsWith(".jpg"));

        Map<Integer, String> classNames = new TreeMap<>();
        List<LabeledImage> trainval =
                readList(staging.resolve("annotations/trainval.txt"), classNames);
        List<LabeledImage> test = readList(staging.resolve("annotations/test.txt"), classNames);
        List<String> names = new ArrayList<>();
        for (int id = 0; id < classNames.size(); id++) {
            if (!classNames.containsKey(id)) {
                throw new PrepareException(
                        "Pets annotations have no image of class id " + (id + 1));
            }
            names.add(classNames.get(id));
        }
        PerClassSplit.TrainVal parts =
                PerClassSplit.carveValidation(trainval, VAL_FRACTION, settings.splitRandom());
        return new PreparedContent(
                names,
                parts.train(),
                parts.val(),
                PerClassSplit.sorted(test),
                "official trainval/test lists; validation = 20% of trainval per class (seeded), as in CoOp");
    }

    /** Lines "Abyssinian_100 1 1 1": image name, class id (1-based), species, breed id. */
    private static List<LabeledImage> readList(Path file, Map<Integer, String> classNames)
            throws IOException {
        List<LabeledImage> images = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            Matcher m = TRAILING_NUMBER.matcher(fields[0]);
            if (fields.length < 2 || !m.matches()) {
                throw new PrepareException(file.getFileName() + ": unexpected line '" + line + "'");
            }
            int label;
            try {
                label = Integer.parseInt(fields[1]) - 1;
            } catch (NumberFormatException e) {
                throw new PrepareException(file.getFileName() + ": bad class id in '" + line + "'");
            }
            if (label < 0) {
                throw new PrepareException(file.getFileName() + ": bad class id in '" + line + "'");
            }
            String className = m.group(1).replace('_', ' ');
            String known = classNames.putIfAbsent(label, className);
            if (known != null && !known.equals(className)) {
                throw new PrepareException(
                        file.getFileName()
                                + ": class id "
                                + (label + 1)
                                + " names both '"
                                + known
                                + "' and '"
                                + className
                                + "'");
            }
            images.add(new LabeledImage("images/" + fields[0] + ".jpg", label));
        }
        return images;
    }
}
