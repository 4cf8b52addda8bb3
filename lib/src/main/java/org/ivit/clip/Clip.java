package org.ivit.clip;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.ivit.io.FileDigest;
import org.ivit.model.FreshModel;

/**
 * A ready CLIP: model, tokenizer and preprocessing together, for notebooks and commands.
 *
 * <pre>{@code
 * try (Clip clip = Clip.load(Path.of("weights/openai/clip-vit-base-patch32"))) {  // or Clip.randomSmall(0)
 *     float[][] texts = clip.embedTexts(List.of("a photo of a cat."));
 *     float[][] images = clip.embedImageFiles(List.of(Path.of("cat.jpg")));
 * }
 * }</pre>
 *
 * Embeddings are not normalised (as {@code get_text_features}). A CLIP with random weights says so
 * in {@link #label()}; everything built with it must carry that label.
 */
public final class Clip implements AutoCloseable {
    /** The label of anything produced with random weights. */
    public static final String RANDOM_LABEL = "CLIP: random weights";

    private static final int TEXT_BATCH = 256;
    private static final int IMAGE_BATCH = 32;

    private final Model model;
    private final ClipModel network;
    private final ClipTokenizer tokenizer;
    private final ClipImagePreprocessor preprocessor;
    private final String modelId;
    private final Path weightsFile;
    private String weightsSha256;

    private Clip(Model model, ClipTokenizer tokenizer, String modelId, Path weightsFile) {
        this.model = model;
        this.network = (ClipModel) model.getBlock();
        this.tokenizer = tokenizer;
        this.preprocessor = new ClipImagePreprocessor(network.config().vision().imageSize());
        this.modelId = modelId;
        this.weightsFile = weightsFile;
    }

    /**
     * A model folder as data-scripts/fetch-weights leaves it (or as Hugging Face publishes it):
     * {@code config.json}, {@code model.safetensors} (or timm's {@code
     * open_clip_model.safetensors}), and {@code tokenizer.json} (the bundled tokenizer if absent).
     */
    public static Clip load(Path folder) throws IOException {
        Path config = folder.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new FileNotFoundException(
                    folder
                            + " holds no config.json (the Hugging Face CLIPConfig that gives the"
                            + " sizes and head counts); fetch it with data-scripts/fetch-weights");
        }
        Path weights = ClipWeights.weightsFileIn(folder);
        ClipTokenizer tokenizer = ClipTokenizer.forModelFolder(folder);
        try {
            return load(ClipConfig.fromJson(config), weights, tokenizer, modelIdOf(folder, config));
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** A config and a weights file in either naming, with the bundled tokenizer. */
    public static Clip load(Path configFile, Path weightsFile) throws IOException {
        return load(
                ClipConfig.fromJson(configFile),
                weightsFile,
                ClipTokenizer.bundled(),
                weightsFile.getFileName().toString());
    }

    private static Clip load(
            ClipConfig config, Path weights, ClipTokenizer tokenizer, String modelId)
            throws IOException {
        Model model = newModel(config, 0);
        try {
            ClipWeights.load((ClipModel) model.getBlock(), weights);
            return new Clip(model, tokenizer, modelId, weights);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** A CLIP of any size with seeded random weights, labelled {@value #RANDOM_LABEL}. */
    public static Clip random(ClipConfig config, int seed) throws IOException {
        return new Clip(
                newModel(config, seed), ClipTokenizer.bundled(), "random-seed" + seed, null);
    }

    /**
     * The small random-weight CLIP ({@link ClipConfig#small()}) used when real weights are absent.
     */
    public static Clip randomSmall(int seed) throws IOException {
        return random(ClipConfig.small(), seed);
    }

    /**
     * The folder's CLIP if it holds one, else {@link #randomSmall} (check {@link
     * #hasRandomWeights()}).
     */
    public static Clip loadOrRandomSmall(Path folder, int seed) throws IOException {
        if (folder != null && Files.isRegularFile(folder.resolve("config.json"))) {
            return load(folder);
        }
        return randomSmall(seed);
    }

    private static Model newModel(ClipConfig config, int seed) {
        ClipVisionConfig v = config.vision();
        return FreshModel.of(
                "clip",
                new ClipModel(config),
                seed,
                new Shape(1, config.text().contextLength()),
                new Shape(1, v.channels(), v.imageSize(), v.imageSize()));
    }

    /**
     * The fetch-weights manifest's repository, else config.json's _name_or_path, else the folder
     * name.
     */
    private static String modelIdOf(Path folder, Path config) throws IOException {
        for (Path file : new Path[] {folder.resolve("manifest.json"), config}) {
            if (Files.isRegularFile(file)) {
                JsonElement root = JsonParser.parseString(Files.readString(file));
                for (String key : new String[] {"repo", "_name_or_path"}) {
                    JsonElement id = root.isJsonObject() ? ((JsonObject) root).get(key) : null;
                    if (id != null && id.isJsonPrimitive() && !id.getAsString().isBlank()) {
                        return id.getAsString();
                    }
                }
            }
        }
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toString() : name.toString();
    }

    public ClipConfig config() {
        return network.config();
    }

    public ClipModel network() {
        return network;
    }

    /** The DJL model holding the parameters (its manager owns them). */
    public Model djlModel() {
        return model;
    }

    public ClipTokenizer tokenizer() {
        return tokenizer;
    }

    public ClipImagePreprocessor preprocessor() {
        return preprocessor;
    }

    /** e.g. {@code openai/clip-vit-base-patch32}, or {@code random-seed0}. */
    public String modelId() {
        return modelId;
    }

    public boolean hasRandomWeights() {
        return weightsFile == null;
    }

    /** What to print beside any result: {@value #RANDOM_LABEL}, or "CLIP: " and the model id. */
    public String label() {
        return hasRandomWeights() ? RANDOM_LABEL : "CLIP: " + modelId;
    }

    /** SHA-256 of the weights file ("random-weights" without one); computed once. */
    public String weightsSha256() throws IOException {
        if (weightsSha256 == null) {
            weightsSha256 = hasRandomWeights() ? "random-weights" : FileDigest.sha256(weightsFile);
        }
        return weightsSha256;
    }

    public int embeddingDim() {
        return network.config().projectionDim();
    }

    /**
     * Text embeddings (N, E), unnormalised. Texts are encoded by length so each batch is cut short.
     */
    public float[][] embedTexts(List<String> texts) {
        return embedTokenIds(tokenizer.paddedIds(texts), true);
    }

    /**
     * Embeddings of id rows (each with start and end token; padding optional). With {@code trim}
     * rows are batched by real length and each batch cut after its last end token (exact under the
     * causal mask); without, every position of the padded rows runs.
     */
    public float[][] embedTokenIds(long[][] ids, boolean trim) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            order.add(i);
        }
        if (trim) {
            order.sort(Comparator.comparingInt(i -> ClipTokenizer.realLength(ids[i])));
        }
        float[][] out = new float[ids.length][];
        for (int start = 0; start < ids.length; start += TEXT_BATCH) {
            List<Integer> rows = order.subList(start, Math.min(ids.length, start + TEXT_BATCH));
            try (NDManager batch = model.getNDManager().newSubManager()) {
                ParameterStore ps = new ParameterStore(batch, false);
                int length = rows.stream().mapToInt(r -> ids[r].length).max().orElse(1);
                long[] flat = new long[rows.size() * length];
                Arrays.fill(
                        flat,
                        tokenizer.padId()); // rows of unequal length are padded as the tokenizer
                // pads
                for (int r = 0; r < rows.size(); r++) {
                    System.arraycopy(
                            ids[rows.get(r)], 0, flat, r * length, ids[rows.get(r)].length);
                }
                NDArray input = batch.create(flat, new Shape(rows.size(), length));
                float[] embeds =
                        network.text().encode(ps, input, false, trim).head().toFloatArray();
                copyRows(embeds, rows, out);
            }
        }
        return out;
    }

    private void copyRows(float[] flat, List<Integer> rows, float[][] out) {
        int dim = flat.length / rows.size();
        for (int r = 0; r < rows.size(); r++) {
            float[] row = new float[dim];
            System.arraycopy(flat, r * dim, row, 0, dim);
            out[rows.get(r)] = row;
        }
    }

    /**
     * Image embeddings (N, E) of image files, unnormalised; an unreadable file is named in the
     * error.
     */
    public float[][] embedImageFiles(List<Path> files) throws IOException {
        float[][] out = new float[files.size()][];
        for (int start = 0; start < files.size(); start += IMAGE_BATCH) {
            List<Path> chunk = files.subList(start, Math.min(files.size(), start + IMAGE_BATCH));
            try (NDManager batch = model.getNDManager().newSubManager()) {
                NDArray pixels = preprocessor.batch(batch, chunk);
                copyRows(
                        encodeImages(batch, pixels).toFloatArray(),
                        range(start, chunk.size()),
                        out);
            }
        }
        return out;
    }

    /** Image embeddings (N, E) of in-memory images, unnormalised. */
    public float[][] embedImages(List<BufferedImage> images) {
        float[][] out = new float[images.size()][];
        for (int start = 0; start < images.size(); start += IMAGE_BATCH) {
            List<BufferedImage> chunk =
                    images.subList(start, Math.min(images.size(), start + IMAGE_BATCH));
            try (NDManager batch = model.getNDManager().newSubManager()) {
                NDArray pixels = preprocessor.batchOfImages(batch, chunk);
                copyRows(
                        encodeImages(batch, pixels).toFloatArray(),
                        range(start, chunk.size()),
                        out);
            }
        }
        return out;
    }

    private static List<Integer> range(int start, int count) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(start + i);
        }
        return rows;
    }

    /** Text embeddings (B, E) as an array of {@code manager}. */
    public NDArray encodeTexts(NDManager manager, List<String> texts) {
        NDArray ids = tokenizer.inputIds(manager, texts);
        return network.text().encode(new ParameterStore(manager, false), ids, false, true).head();
    }

    /**
     * Image embeddings (B, E) of preprocessed pixels (B, 3, S, S), as an array of the pixels'
     * manager.
     */
    public NDArray encodeImages(NDManager manager, NDArray pixels) {
        return network.vision().encode(new ParameterStore(manager, false), pixels, false).head();
    }

    @Override
    public void close() {
        tokenizer.close();
        model.close();
    }
}
