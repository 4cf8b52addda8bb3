package org.ivit.runs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ivit.data.ImageDecoder;
import org.ivit.data.PreparedDataset;
import org.ivit.data.augment.RgbImage;
import org.ivit.io.SafetensorsReader;
import org.ivit.model.InstructionViT;
import org.ivit.spec.ExperimentConfig;
import org.ivit.train.BackboneInputs;
import org.ivit.train.Checkpoint;
import org.ivit.train.ModelFactory;

/**
 * Inference on a finished Instruction-ViT run: the model rebuilt from the run's config.json and
 * selected checkpoint ({@code checkpoints/best.safetensors}), each image passed through the run's
 * evaluation transform. For an image it gives the head's class probabilities, the prompt
 * similarities (the run's scale, 100, times the cosine of the output class token with each class's
 * output prompt token: raw and softmaxed over the classes) and the last layer's attention of the
 * class token to each patch and prompt, averaged over heads.
 */
public final class RunPredictor implements AutoCloseable {
    /** One image's answer; arrays indexed by class (prompts) or row-major patch. */
    public record Prediction(
            Path image,
            float[] headProbabilities,
            float[] similarities,
            float[] similarityProbabilities,
            float[] patchAttention,
            int grid,
            float[] promptAttention) {
        /** The k classes of highest head probability, best first. */
        public int[] top(int k) {
            return java.util.stream.IntStream.range(0, headProbabilities.length)
                    .boxed()
                    .sorted((a, b) -> Float.compare(headProbabilities[b], headProbabilities[a]))
                    .limit(k)
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
    }

    private final ExperimentConfig cfg;
    private final String runId;
    private final List<String> classNames;
    private final ai.djl.Model model;
    private final InstructionViT block;
    private final int grid;

    private RunPredictor(
            ExperimentConfig cfg,
            String runId,
            List<String> classNames,
            ai.djl.Model model,
            InstructionViT block) {
        this.cfg = cfg;
        this.runId = runId;
        this.classNames = classNames;
        this.model = model;
        this.block = block;
        this.grid = cfg.data().imageSize() / block.backbone().config().patchSize();
    }

    /**
     * @param runDir a run folder (config.json, checkpoints/best.safetensors)
     * @param dataDir the prepared data, for the class names
     * @throws NoSuchFileException naming the missing config or checkpoint and how to make it
     * @throws IllegalArgumentException for a run of another method
     */
    public static RunPredictor open(Path runDir, Path dataDir) throws IOException {
        ExperimentConfig cfg = config(runDir);
        return open(runDir, PreparedDataset.open(dataDir, cfg.dataset()).classNames());
    }

    /**
     * As {@link #open(Path, Path)}, with the class names given (one per prompt token, in label
     * order).
     */
    public static RunPredictor open(Path runDir, List<String> classes) throws IOException {
        ExperimentConfig cfg = config(runDir);
        Path checkpoint = runDir.resolve("checkpoints/best.safetensors");
        long[] bankShape;
        float[] bank;
        try (SafetensorsReader r = SafetensorsReader.open(checkpoint)) {
            bankShape = r.info("param/prompt_token").shape();
            bank = r.floats("param/prompt_token");
        }
        if (bankShape[0] != classes.size()) {
            throw new IllegalArgumentException(
                    checkpoint
                            + " has "
                            + bankShape[0]
                            + " prompt tokens, but "
                            + classes.size()
                            + " class names were given");
        }
        ModelFactory.Built built =
                ModelFactory.build(cfg, (int) bankShape[0], bank, (int) bankShape[1], null);
        Checkpoint.load(checkpoint, built.parameters(), null);
        return new RunPredictor(
                cfg,
                org.ivit.train.RunIds.storedId(runDir.resolve("config.json")),
                classes,
                built.model(),
                (InstructionViT) built.block());
    }

    private static ExperimentConfig config(Path runDir) throws IOException {
        Path config = runDir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new NoSuchFileException(
                    config.toString(),
                    null,
                    "no such run record: train the run first (environment/ivit train"
                            + " or reproduce), or point IVIT_RESULTS_DIR at the results folder that holds it");
        }
        ExperimentConfig cfg =
                ExperimentConfig.fromJson(Files.readString(config), config.toString());
        if (!cfg.method().usesPrompts()) {
            throw new IllegalArgumentException(
                    runDir
                            + " is a "
                            + cfg.method().id()
                            + " run: predict reads the prompt tokens of an"
                            + " instruction-vit run");
        }
        if (!Files.isRegularFile(runDir.resolve("checkpoints/best.safetensors"))) {
            throw new NoSuchFileException(
                    runDir.resolve("checkpoints/best.safetensors").toString(),
                    null,
                    "checkpoints are not committed: train this run again (environment/ivit train with the run's profile and options,"
                            + " or environment/run-notebooks, which gives it the same run id) and predict from that results folder");
        }
        return cfg;
    }

    public List<String> classNames() {
        return classNames;
    }

    public String runId() {
        return runId;
    }

    /** One image file, decoded and transformed as the run's evaluation does. */
    public Prediction predict(Path image) throws IOException {
        RgbImage decoded = ImageDecoder.decode(image);
        RgbImage input = BackboneInputs.eval(cfg).apply(decoded, new Random(0));
        float[] chw = input.toChw(BackboneInputs.normalization(cfg));
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray batch = manager.create(chw, new Shape(1, 3, input.height(), input.width()));
            InstructionViT.Result r =
                    block.run(new ParameterStore(manager, false), batch, null, false, true);
            float[] head = r.headLogits().softmax(1).toFloatArray();
            float[] similarities = r.similarityLogits().toFloatArray();
            float[] similarityProbabilities = r.similarityLogits().softmax(1).toFloatArray();
            float[] all =
                    r.lastAttention()
                            .get(new NDIndex("0, :, 0, :"))
                            .mean(new int[] {0})
                            .toFloatArray();
            int patches = grid * grid;
            return new Prediction(
                    image,
                    head,
                    similarities,
                    similarityProbabilities,
                    Arrays.copyOfRange(all, 1, 1 + patches),
                    grid,
                    Arrays.copyOfRange(all, 1 + patches, all.length));
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
