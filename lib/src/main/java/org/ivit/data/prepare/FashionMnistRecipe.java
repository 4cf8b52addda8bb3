package org.ivit.data.prepare;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.ivit.data.BenchmarkDataset;
import org.ivit.data.LabeledImage;

/**
 * Fashion-MNIST written in the prepared layout as 28×28 grey PNG files ({@code
 * images/train/00000.png}, {@code images/test/00000.png}). The IDX files are taken from Debian's
 * dataset-fashion-mnist package when it is installed (checked against dpkg's md5 list), else
 * downloaded from the dataset's official host, or its GitHub copy when the host fails, and checked
 * against the md5 values torchvision publishes. Official split: 60000 train / 10000 test;
 * validation is 500 images per class (5000) carved from train with the seed, leaving 55000 train.
 */
public final class FashionMnistRecipe extends SourcedRecipe {
    public static final String NAME = "fashion_mnist";

    /** Classes in the prepared dataset: the 10 clothing classes. */
    public static final int CLASSES = 10;

    /** Its id, the paper's column title, its template set. */
    public static final BenchmarkDataset DATASET =
            new BenchmarkDataset(NAME, "Fashion-MNIST", CLASSES, "fashion-mnist");

    public static final List<String> CLASS_NAMES =
            List.of(
                    "T-shirt/top",
                    "Trouser",
                    "Pullover",
                    "Dress",
                    "Coat",
                    "Sandal",
                    "Shirt",
                    "Sneaker",
                    "Bag",
                    "Ankle boot");

    /** The dataset's official host, Zalando's bucket (the address the dataset's README gives). */
    static final String BASE = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    /** The same files in Zalando's GitHub repository (data/fashion/), over https: the mirror. */
    static final String GITHUB =
            "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/";

    /**
     * Zalando's files and the md5 values torchvision publishes for them; the GitHub copy when the
     * host fails.
     */
    public static final List<SourceFile> OFFICIAL_SOURCES =
            List.of(
                    official("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
                    official("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
                    official("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
                    official("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"));

    /**
     * Debian recompressed the files, so their md5 differs from Zalando's; these are the values in
     * /var/lib/dpkg/info/dataset-fashion-mnist.md5sums of version 0.0~git20200523.55506a9-1.
     */
    public static final LocalCopy DEBIAN_PACKAGE =
            new LocalCopy(
                    Path.of("/usr/share/datasets/fashion-mnist"),
                    "Debian package dataset-fashion-mnist",
                    Map.of(
                            "train-images-idx3-ubyte.gz", "cf8536b0aa1a6ac5fa3f23001093305c",
                            "train-labels-idx1-ubyte.gz", "10bea18fdb374794d4bb42e356e600c9",
                            "t10k-images-idx3-ubyte.gz", "f78720b4224f21cce2f2ccf2d7a94c9a",
                            "t10k-labels-idx1-ubyte.gz", "0d30e22e447f3c33dab9ed536400ac01"));

    public static final int VAL_PER_CLASS = 500;

    private final LocalCopy localCopy;
    private final int valPerClass;

    public FashionMnistRecipe() {
        this(OFFICIAL_SOURCES, DEBIAN_PACKAGE, VAL_PER_CLASS);
    }

    public FashionMnistRecipe(List<SourceFile> sources, LocalCopy localCopy, int valPerClass) {
        super(DATASET, List.of("official"), sources);
        this.localCopy = localCopy;
        this.valPerClass = valPerClass;
    }

    @Override
    public PreparedContent build(SourceFetcher fetcher, Path staging, SplitSettings settings)
            throws IOException {
        IdxFile.Images trainImages =
                IdxFile.readImages(fetchOrCopy(fetcher, "train-images-idx3-ubyte.gz"));
        byte[] trainLabels = IdxFile.readLabels(fetchOrCopy(fetcher, "train-labels-idx1-ubyte.gz"));
        IdxFile.Images testImages =
                IdxFile.readImages(fetchOrCopy(fetcher, "t10k-images-idx3-ubyte.gz"));
        byte[] testLabels = IdxFile.readLabels(fetchOrCopy(fetcher, "t10k-labels-idx1-ubyte.gz"));

        List<LabeledImage> trainAll = labeled("images/train/", trainImages, trainLabels);
        List<LabeledImage> test = labeled("images/test/", testImages, testLabels);
        PerClassSplit.Cut cut =
                PerClassSplit.takePerClass(trainAll, valPerClass, settings.splitRandom());
        List<LabeledImage> val = settings.limit(cut.taken(), "val");
        List<LabeledImage> train = settings.limit(cut.rest(), "train");
        test = settings.limit(test, "test");

        // Only the images that are kept are written, so a --limit-per-class run is cheap.
        long start = System.nanoTime();
        writePngs(staging, train, trainImages);
        writePngs(staging, val, trainImages);
        writePngs(staging, test, testImages);
        fetcher.log()
                .printf(
                        "wrote %d PNG files in %.1f s%n",
                        train.size() + val.size() + test.size(), (System.nanoTime() - start) / 1e9);
        return new PreparedContent(
                CLASS_NAMES,
                train,
                val,
                test,
                "official 60000/10000 split; validation = "
                        + valPerClass
                        + " images per class of train (seeded)");
    }

    private static SourceFile official(String fileName, String md5) {
        return SourceFile.of(fileName, BASE + fileName, md5)
                .withMirrors(List.of(java.net.URI.create(GITHUB + fileName)));
    }

    /** From the Debian package when it is installed, else downloaded. */
    private Path fetchOrCopy(SourceFetcher fetcher, String fileName) throws IOException {
        return fetcher.fetch(DatasetRecipe.find(sources, fileName), localCopy);
    }

    private static List<LabeledImage> labeled(String folder, IdxFile.Images images, byte[] labels)
            throws PrepareException {
        if (images.count() != labels.length) {
            throw new PrepareException(
                    "Fashion-MNIST: "
                            + images.count()
                            + " images but "
                            + labels.length
                            + " labels in "
                            + folder);
        }
        List<LabeledImage> rows = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xff;
            if (label >= CLASS_NAMES.size()) {
                throw new PrepareException(
                        "Fashion-MNIST: label "
                                + label
                                + " of image "
                                + i
                                + " in "
                                + folder
                                + " is not 0..9");
            }
            rows.add(new LabeledImage(folder + String.format("%05d.png", i), label));
        }
        return rows;
    }

    /** The PNG of row i is image i of the IDX file; rows are written in parallel. */
    private static void writePngs(Path staging, List<LabeledImage> rows, IdxFile.Images images)
            throws IOException {
        ImageIO.setUseCache(false);
        for (String folder :
                rows.stream()
                        .map(r -> r.path().substring(0, r.path().lastIndexOf('/')))
                        .distinct()
                        .toList()) {
            Files.createDirectories(staging.resolve(folder));
        }
        try {
            IntStream.range(0, rows.size())
                    .parallel()
                    .forEach(
                            i -> {
                                LabeledImage row = rows.get(i);
                                String file = row.path().substring(row.path().lastIndexOf('/') + 1);
                                int index = Integer.parseInt(file.substring(0, file.length() - 4));
                                BufferedImage image =
                                        new BufferedImage(
                                                images.cols(),
                                                images.rows(),
                                                BufferedImage.TYPE_BYTE_GRAY);
                                image.getRaster()
                                        .setDataElements(
                                                0,
                                                0,
                                                images.cols(),
                                                images.rows(),
                                                images.image(index));
                                ByteArrayOutputStream png = new ByteArrayOutputStream(1024);
                                try {
                                    ImageIO.write(image, "png", png);
                                    Files.write(staging.resolve(row.path()), png.toByteArray());
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
