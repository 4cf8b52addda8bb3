package org.ivit.data.prepare;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.ivit.data.BenchmarkDataset;
import org.ivit.data.LabeledImage;
import org.ivit.io.ArchiveExtractor;
import org.ivit.io.ZipMember;

/**
 * Caltech-101. The current source is caltech-101.zip, which nests 101_ObjectCategories.tar.gz; the
 * older 101_ObjectCategories.tar.gz alone is accepted too (through --from). Classes follow CoOp:
 * BACKGROUND_Google and Faces_easy are dropped, the other 100 folders are sorted by name
 * (case-sensitive, so "Faces", "Leopards", "Motorbikes" come first) and labelled in that order;
 * airplanes, Faces, Leopards, Motorbikes are renamed airplane, face, leopard, motorbike and
 * underscores become spaces. There is no official split:
 *
 * <ul>
 *   <li>{@code coop} (default): 50% train, 20% val, 30% test per class, seeded, as CoOp;
 *   <li>{@code fixed30}: the classic 30 training images per class (of which 20%, i.e. 6, are carved
 *       off as validation), all remaining images are test.
 * </ul>
 */
public final class Caltech101Recipe extends SourcedRecipe {
    public static final String NAME = "caltech101";

    /**
     * Classes in the prepared dataset: CoOp's 100 classes (both split protocols drop
     * BACKGROUND_Google and Faces_easy).
     */
    public static final int CLASSES = 100;

    /** Its id, the paper's column title, its template set and its column in the paper. */
    public static final BenchmarkDataset DATASET =
            new BenchmarkDataset(NAME, "Caltech101", CLASSES, "caltech101", 0);

    /** Current and older sources with their md5 values (FACTS §4; torchvision's md5). */
    public static final List<SourceFile> OFFICIAL_SOURCES =
            List.of(
                    SourceFile.of(
                            "caltech-101.zip",
                            "https://data.caltech.edu/records/mzrjq-6wc02/files/caltech-101.zip",
                            "3138e1922a9193bfa496528edbbc45d0"),
                    SourceFile.of(
                            "101_ObjectCategories.tar.gz",
                            null,
                            "b224c7392d521a49829488ab0f1120d9"));

    private static final String FOLDER = "101_ObjectCategories";
    private static final Set<String> DROPPED = Set.of("BACKGROUND_Google", "Faces_easy");
    private static final Map<String, String> RENAMED =
            Map.of(
                    "airplanes",
                    "airplane",
                    "Faces",
                    "face",
                    "Leopards",
                    "leopard",
                    "Motorbikes",
                    "motorbike");

    public Caltech101Recipe() {
        this(OFFICIAL_SOURCES);
    }

    public Caltech101Recipe(List<SourceFile> sources) {
        super(DATASET, List.of("coop", "fixed30"), sources);
    }

    @Override
    public PreparedContent build(SourceFetcher fetcher, Path staging, SplitSettings settings)
            throws IOException {
        Path source = fetcher.fetchFirstAvailable(sources);
        if (source.getFileName().toString().endsWith(".zip")) {
            try (ZipMember member =
                            ZipMember.open(
                                    source,
                                    name ->
                                            name.endsWith(FOLDER + ".tar.gz")
                                                    && !name.startsWith("__MACOSX/"),
                                    FOLDER + ".tar.gz");
                    InputStream tar =
                            new GZIPInputStream(
                                    new BufferedInputStream(member.stream(), 1 << 16), 1 << 16)) {
                ArchiveExtractor.extractTar(
                        tar, member.name(), staging, name -> name.startsWith(FOLDER + "/"));
            }
        } else {
            ArchiveExtractor.extract(source, staging, name -> name.startsWith(FOLDER + "/"));
        }
        Path root = staging.resolve(FOLDER);
        if (!Files.isDirectory(root)) {
            throw new PrepareException(source.getFileName() + " has no folder " + FOLDER);
        }
        List<String> folders;
        try (Stream<Path> list = Files.list(root)) {
            folders =
                    list.filter(Files::isDirectory)
                            .map(p -> p.getFileName().toString())
                            .filter(n -> !DROPPED.contains(n) && !n.startsWith("."))
                            .sorted()
                            .toList();
        }
        List<String> classNames = new ArrayList<>();
        List<LabeledImage> all = new ArrayList<>();
        for (String folder : folders) {
            int label = classNames.size();
            classNames.add(RENAMED.getOrDefault(folder, folder.replace('_', ' ')));
            try (Stream<Path> files = Files.list(root.resolve(folder))) {
                files.filter(Files::isRegularFile)
                        .map(p -> p.getFileName().toString())
                        .filter(n -> !n.startsWith("."))
                        .sorted()
                        .forEach(
                                n ->
                                        all.add(
                                                new LabeledImage(
                                                        FOLDER + "/" + folder + "/" + n, label)));
            }
        }
        if (settings.protocol().equals("fixed30")) {
            PerClassSplit.Cut pool = PerClassSplit.takePerClass(all, 30, settings.splitRandom());
            PerClassSplit.TrainVal trainVal =
                    PerClassSplit.carveValidation(
                            pool.taken(), 0.2, new Random(settings.seed() + 1));
            return new PreparedContent(
                    classNames,
                    trainVal.train(),
                    trainVal.val(),
                    pool.rest(),
                    "CoOp's 100 classes; 30 images per class for training (24 train + 6 val, seeded), the rest test");
        }
        PerClassSplit.Parts parts =
                PerClassSplit.byFractions(all, 0.5, 0.2, settings.splitRandom());
        return new PreparedContent(
                classNames,
                parts.train(),
                parts.val(),
                parts.test(),
                "CoOp's 100 classes; 50/20/30 per class at random (seeded), as in CoOp");
    }
}
