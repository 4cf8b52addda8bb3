package org.ivit.clip;

import ai.djl.nn.Parameter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ivit.io.SafetensorsReader;
import org.ivit.model.StrictWeightLoader;

/** Loading CLIP checkpoints (safetensors only) into a {@link ClipModel}, strictly. */
public final class ClipWeights {
    /** Where Hugging Face and timm put CLIP weights, in order of preference. */
    static final String[] WEIGHT_FILES = {"model.safetensors", "open_clip_model.safetensors"};

    private ClipWeights() {}

    /**
     * Loads a checkpoint in either naming (told from its tensor names). Every problem is reported
     * at once as a {@link org.ivit.model.WeightMismatchException}; nothing is loaded unless all
     * fits.
     */
    public static ClipWeightNaming load(ClipModel model, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("CLIP weights " + file + " do not exist");
        }
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            ClipWeightNaming naming = ClipWeightNaming.detect(reader.names(), file.toString());
            Map<String, Parameter> parameters = model.namedParameters();
            ClipCheckpoint checkpoint = new ClipCheckpoint(reader, naming, parameters.keySet());
            checkpoint.check(parameters);
            new StrictWeightLoader().load(checkpoint, parameters);
            return naming;
        }
    }

    /**
     * The weights file of a model folder. A folder holding only {@code pytorch_model.bin} is
     * refused: that format is Python pickle, which can run code when read.
     */
    public static Path weightsFileIn(Path dir) throws IOException {
        for (String name : WEIGHT_FILES) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        if (Files.isRegularFile(dir.resolve("pytorch_model.bin"))) {
            throw new IOException(
                    dir
                            + " holds only pytorch_model.bin, which is not read: it is Python pickle and can run"
                            + " code when loaded. Fetch model.safetensors of the same model instead (data-scripts/fetch-weights).");
        }
        throw new FileNotFoundException(
                dir
                        + " holds no CLIP weights: expected model.safetensors (Hugging Face)"
                        + " or open_clip_model.safetensors (timm); fetch them with data-scripts/fetch-weights");
    }
}
