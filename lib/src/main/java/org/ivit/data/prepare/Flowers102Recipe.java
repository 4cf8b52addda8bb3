package org.ivit.data.prepare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ivit.data.BenchmarkDataset;
import org.ivit.data.LabeledImage;
import org.ivit.io.ArchiveExtractor;

/**
 * Oxford Flowers-102. Images jpg/image_NNNNN.jpg from 102flowers.tgz; labels 1..102 from
 * imagelabels.mat ({@code labels}); the official split trn/val/tst (1020/1020/6149) from setid.mat
 * ({@code trnid}, {@code valid}, {@code tstid}). Class names are CLIP's list (a resource file; the
 * archive has none). Protocol "coop" instead splits all images 50/20/30 per class at random, as
 * CoOp does.
 */
public final class Flowers102Recipe extends SourcedRecipe {
    public static final String NAME = "flowers102";

    /** Classes in the prepared dataset: the 102 flower species. */
    public static final int CLASSES = 102;

    /** Its id, the paper's column title, its template set and its column in the paper. */
    public static final BenchmarkDataset DATASET =
            new BenchmarkDataset(NAME, "Flowers", CLASSES, "flowers", 3);

    private static final String BASE = "https://www.robots.ox.ac.uk/~vgg/data/flowers/102/";

    /**
     * Source URLs and md5 values as published by the VGG group and used by torchvision (FACTS §4).
     */
    public static final List<SourceFile> OFFICIAL_SOURCES =
            List.of(
                    SourceFile.of(
                            "102flowers.tgz",
                            BASE + "102flowers.tgz",
                            "52808999861908f626f3c1f4e79d11fa"),
                    SourceFile.of(
                            "imagelabels.mat",
                            BASE + "imagelabels.mat",
                            "e0620be6f572b9609742df49c70aed4d"),
                    SourceFile.of(
                            "setid.mat", BASE + "setid.mat", "a5357ecc9cb78c4bef273ce3793fc85c"));

    private static final String CLASS_NAMES_RESOURCE = "flowers102-classes.txt";

    public Flowers102Recipe() {
        this(OFFICIAL_SOURCES);
    }

    public Flowers102Recipe(List<SourceFile> sources) {
        super(DATASET, List.of("official", "coop"), sources);
    }

    @Override
    public PreparedContent build(SourceFetcher fetcher, Path staging, SplitSettings settings)
            throws IOException {
        Path archive = fetch(fetcher, "102flowers.tgz");
        Path labelsFile = fetch(fetcher, "imagelabels.mat");
        Path setidFile = fetch(fetcher, "setid.mat");
        List<String> classNames = classNames();

        int[] labels;
        int[][] ids = new int[3][];
        try (MatlabFile mat = MatlabFile.open(labelsFile)) {
            labels = mat.integers("labels");
        }
        try (MatlabFile mat = MatlabFile.open(setidFile)) {
            ids[0] = mat.integers("trnid");
            ids[1] = mat.integers("valid");
            ids[2] = mat.integers("tstid");
        }
        List<LabeledImage> all = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 1 || labels[i] > classNames.size()) {
                throw new PrepareException(
                        "imagelabels.mat: label "
                                + labels[i]
                                + " of image "
                                + (i + 1)
                                + " is outside 1.."
                                + classNames.size());
            }
            all.add(new LabeledImage(imagePath(i + 1), labels[i] - 1));
        }
        ArchiveExtractor.extract(archive, staging, name -> name.startsWith("jpg/"));

        if (settings.protocol().equals("coop")) {
            PerClassSplit.Parts parts =
                    PerClassSplit.byFractions(all, 0.5, 0.2, settings.splitRandom());
            return new PreparedContent(
                    classNames,
                    parts.train(),
                    parts.val(),
                    parts.test(),
                    "all images split 50/20/30 per class at random (seeded), as in CoOp");
        }
        List<List<LabeledImage>> official = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        String[] variables = {"trnid", "valid", "tstid"};
        for (int s = 0; s < 3; s++) {
            List<LabeledImage> split = new ArrayList<>();
            for (int id : ids[s]) {
                if (id < 1 || id > all.size()) {
                    throw new PrepareException(
                            "setid.mat: "
                                    + variables[s]
                                    + " holds image id "
                                    + id
                                    + " but imagelabels.mat has "
                                    + all.size()
                                    + " images");
                }
                if (!used.add(id)) {
                    throw new PrepareException(
                            "setid.mat: image id " + id + " is in more than one split");
                }
                split.add(all.get(id - 1));
            }
            official.add(PerClassSplit.sorted(split));
        }
        return new PreparedContent(
                classNames,
                official.get(0),
                official.get(1),
                official.get(2),
                "official setid.mat split: trnid / valid / tstid");
    }

    static String imagePath(int id) {
        return String.format("jpg/image_%05d.jpg", id);
    }

    /** The 102 names of the resource file, in label order. */
    public static List<String> classNames() throws IOException {
        try (InputStream in = Flowers102Recipe.class.getResourceAsStream(CLASS_NAMES_RESOURCE)) {
            if (in == null) {
                throw new IOException(
                        "resource " + CLASS_NAMES_RESOURCE + " is missing from the build");
            }
            List<String> names = new ArrayList<>();
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
            return names;
        }
    }
}
