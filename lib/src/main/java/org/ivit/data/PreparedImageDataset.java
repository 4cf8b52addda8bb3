package org.ivit.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ivit.data.augment.ImagePipeline;
import org.ivit.data.augment.ImageTransform;
import org.ivit.data.augment.Normalization;
import org.ivit.data.augment.RgbImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One split of a prepared dataset as a DJL dataset. Each record is the image as float32 (3, H, W),
 * normalised, and its label as an int64 scalar. Images are decoded and transformed when asked for;
 * pass an executor to {@code getData(manager, executor)} (or the trainer's config) and DJL
 * prefetches batches on several threads. Decoded images stay in a bounded LRU cache. The random
 * choices of sample i in epoch e come from a generator seeded by (seed, e, i), so results do not
 * depend on thread timing.
 *
 * <p>An image that cannot be decoded is skipped: a warning names it, {@link #badImages()} counts
 * it, and the next good image of the split (with its own label) is served in its place. When more
 * than {@code maxBadFraction} (1%) of the split is bad, reading fails.
 */
public final class PreparedImageDataset extends RandomAccessDataset {
    private static final Logger LOG = LoggerFactory.getLogger(PreparedImageDataset.class);

    private final PreparedDataset dataset;
    private final Split split;
    private final List<LabeledImage> rows;
    private final ImageTransform transform;
    private final Normalization normalization;
    private final DecodedImageCache cache;
    private final long seed;
    private final double maxBadFraction;
    private final BadImageReport badImages = new BadImageReport();
    private final Set<Integer> badIndexes = ConcurrentHashMap.newKeySet();
    private volatile int epoch;

    private PreparedImageDataset(
            Builder builder, PreparedDataset dataset, List<LabeledImage> rows) {
        super(builder);
        this.dataset = dataset;
        this.split = builder.split;
        this.rows = rows;
        this.transform = builder.transform;
        this.normalization = builder.normalization;
        this.cache = new DecodedImageCache(builder.cacheBytes);
        this.seed = builder.seed;
        this.maxBadFraction = builder.maxBadFraction;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Record get(NDManager manager, long index) throws IOException {
        Sample sample = sample(Math.toIntExact(index));
        NDArray image = manager.create(sample.chw(), new Shape(3, sample.height(), sample.width()));
        NDArray label = manager.create((long) sample.label());
        return new Record(new NDList(image), new NDList(label));
    }

    /** A transformed sample as plain Java values: CHW floats, size and label. */
    public record Sample(float[] chw, int width, int height, int label, String path) {}

    /** The transformed, normalised sample i, without any NDArray (for tests and notebooks). */
    public Sample sample(int index) throws IOException {
        Decoded decoded = decodable(index);
        Random random = new Random(mix(seed, epoch, index));
        RgbImage out = transform.apply(decoded.image(), random);
        LabeledImage row = rows.get(decoded.index());
        return new Sample(
                out.toChw(normalization), out.width(), out.height(), row.label(), row.path());
    }

    /** The decoded image i before any transform (for display); bad images throw. */
    public RgbImage image(int index) throws IOException {
        return ImageDecoder.decode(dataset.layout().image(rows.get(index)));
    }

    @Override
    protected long availableSize() {
        return rows.size();
    }

    @Override
    public void prepare(Progress progress) {
        // Nothing to do: data-scripts/prepare has made the layout, and images are read lazily.
    }

    /**
     * Call at the start of each epoch so augmentations differ between epochs yet stay reproducible.
     */
    public void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    public BadImageReport badImages() {
        return badImages;
    }

    public List<String> classNames() {
        return dataset.classNames();
    }

    public int numClasses() {
        return dataset.numClasses();
    }

    public PreparedDataset preparedDataset() {
        return dataset;
    }

    public Split split() {
        return split;
    }

    public List<LabeledImage> rows() {
        return rows;
    }

    public DecodedImageCache cache() {
        return cache;
    }

    private record Decoded(int index, RgbImage image) {}

    /** Image i if it decodes, else the next one that does (with its own index, hence label). */
    private Decoded decodable(int index) throws IOException {
        int n = rows.size();
        for (int step = 0; step < n; step++) {
            int candidate = (index + step) % n;
            if (badIndexes.contains(candidate)) {
                continue;
            }
            RgbImage cached = cache.get(candidate);
            if (cached != null) {
                return new Decoded(candidate, cached);
            }
            LabeledImage row = rows.get(candidate);
            try {
                RgbImage image = ImageDecoder.decode(dataset.layout().image(row));
                cache.put(candidate, image);
                return new Decoded(candidate, image);
            } catch (IOException e) {
                markBad(candidate, row, e);
            }
        }
        throw new TooManyBadImagesException(
                "no image of " + dataset.name() + "/" + split + " can be decoded");
    }

    private void markBad(int index, LabeledImage row, IOException e)
            throws TooManyBadImagesException {
        badIndexes.add(index);
        String reason = e.getMessage();
        if (e instanceof java.io.FileNotFoundException
                || e instanceof java.nio.file.NoSuchFileException) {
            Path splitFile = dataset.layout().split(split);
            reason += " (named by " + splitFile + " line " + SplitFile.lineOf(splitFile, row) + ")";
        }
        if (badImages.record(row.path(), reason)) {
            LOG.warn("skipping image {} of {}/{}: {}", row.path(), dataset.name(), split, reason);
        }
        int bad = badImages.count();
        if (bad > maxBadFraction * rows.size()) {
            Map<String, String> reasons = badImages.reasons();
            throw new TooManyBadImagesException(
                    bad
                            + " of "
                            + rows.size()
                            + " images of "
                            + dataset.name()
                            + "/"
                            + split.name().toLowerCase()
                            + " cannot be decoded (more than "
                            + (maxBadFraction * 100)
                            + "%), e.g. "
                            + reasons.keySet().stream().limit(5).toList()
                            + ". The dataset is probably damaged: "
                            + "prepare it again with "
                            + DatasetNotPreparedException.prepareCommand(
                                    dataset.name(), dataset.layout().root().getParent())
                            + " --force");
        }
    }

    private static long mix(long seed, int epoch, int index) {
        long z =
                seed * 0x9E3779B97F4A7C15L
                        + epoch * 0xC2B2AE3D27D4EB4FL
                        + index * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Builds the dataset of one split. Defaults: eval pipeline at 224 (CLIP-style), ImageNet
     * statistics, 512 MB cache.
     */
    public static final class Builder extends BaseBuilder<Builder> {
        private Path dataDir;
        private String name;
        private Split split = Split.TRAIN;
        private ImageTransform transform = ImagePipeline.eval(224, 1.0);
        private Normalization normalization = Normalization.IMAGENET;
        private long cacheBytes = 512L << 20;
        private long seed;
        private double maxBadFraction = 0.01;

        @Override
        protected Builder self() {
            return this;
        }

        /** The data directory; default {@link org.ivit.Project#dataDir()}. */
        public Builder optDataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder setDataset(String name) {
            this.name = name;
            return this;
        }

        public Builder setSplit(Split split) {
            this.split = split;
            return this;
        }

        public Builder optTransform(ImageTransform transform) {
            this.transform = transform;
            return this;
        }

        public Builder optNormalization(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        public Builder optCacheBytes(long cacheBytes) {
            this.cacheBytes = cacheBytes;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optMaxBadFraction(double maxBadFraction) {
            this.maxBadFraction = maxBadFraction;
            return this;
        }

        public PreparedImageDataset build() throws IOException {
            if (name == null) {
                throw new IllegalArgumentException("setDataset(name) is required");
            }
            if (sampler == null) {
                throw new IllegalArgumentException("setSampling(batchSize, shuffle) is required");
            }
            PreparedDataset prepared = PreparedDataset.open(dataDir, name);
            List<LabeledImage> rows = prepared.split(split);
            if (rows.isEmpty()) {
                throw new IOException(prepared.layout().split(split) + " has no images");
            }
            return new PreparedImageDataset(this, prepared, rows);
        }
    }
}
