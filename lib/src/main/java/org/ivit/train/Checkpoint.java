package org.ivit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ivit.io.SafetensorsReader;
import org.ivit.io.SafetensorsWriter;
import org.ivit.model.StrictWeightLoader;

/**
 * A run's state after an epoch: every parameter, Adam's moments and step counts, and the loop's
 * counters, in one safetensors file written atomically.
 */
public final class Checkpoint {
    private static final Gson GSON = new Gson();

    private Checkpoint() {}

    /** What the loop needs besides the tensors. */
    public record Progress(int epochsDone, long optimizerSteps, int bestEpoch, double bestScore) {}

    public static void save(
            Path file, Map<String, Parameter> parameters, StatefulAdam adam, Progress progress)
            throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
        JsonObject steps = new JsonObject();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray value = e.getValue().getArray();
            w.put("param/" + e.getKey(), value);
            Object[] state =
                    adam == null ? null : adam.state(e.getValue().getId(), value.getDevice());
            if (state != null) {
                w.put("adam_m/" + e.getKey(), (NDArray) state[0]);
                w.put("adam_v/" + e.getKey(), (NDArray) state[1]);
                steps.addProperty(e.getKey(), (Integer) state[2]);
            }
        }
        w.metadata("progress", GSON.toJson(progress))
                .metadata("adam_steps", steps.toString())
                .write(file);
    }

    /** Loads parameters (and Adam's state when given); returns the progress recorded. */
    public static Progress load(Path file, Map<String, Parameter> parameters, StatefulAdam adam)
            throws IOException {
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            checkSameModel(file, r, parameters);
            JsonObject steps =
                    GSON.fromJson(r.metadata().getOrDefault("adam_steps", "{}"), JsonObject.class);
            for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                String name = e.getKey();
                StrictWeightLoader.copyInto(e.getValue(), r.floats("param/" + name));
                if (adam != null && steps.has(name)) {
                    NDArray value = e.getValue().getArray();
                    NDArray m = r.toNDArray("adam_m/" + name, value.getManager());
                    NDArray v = r.toNDArray("adam_v/" + name, value.getManager());
                    adam.restore(
                            e.getValue().getId(),
                            value.getDevice(),
                            m,
                            v,
                            steps.get(name).getAsInt());
                }
            }
            return GSON.fromJson(r.metadata().get("progress"), Progress.class);
        }
    }

    /** Every parameter of the model is in the file with its shape, and the file has no others. */
    private static void checkSameModel(
            Path file, SafetensorsReader r, Map<String, Parameter> parameters) throws IOException {
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            String name = "param/" + e.getKey();
            if (!r.contains(name)) {
                throw new CheckpointMismatchException(
                        file, e.getKey(), "is missing from the checkpoint");
            }
            long[] want = e.getValue().getArray().getShape().getShape();
            long[] have = r.info(name).shape();
            if (!java.util.Arrays.equals(want, have)) {
                throw new CheckpointMismatchException(
                        file,
                        e.getKey(),
                        "has shape "
                                + java.util.Arrays.toString(have)
                                + " in the checkpoint, "
                                + java.util.Arrays.toString(want)
                                + " in the model");
            }
        }
        for (String name : r.names()) {
            if (name.startsWith("param/")
                    && !parameters.containsKey(name.substring("param/".length()))) {
                throw new CheckpointMismatchException(
                        file,
                        name.substring("param/".length()),
                        "is in the checkpoint but not in the model");
            }
        }
        if (r.metadata().get("progress") == null) {
            throw new CheckpointMismatchException(file, "(metadata) progress", "is missing");
        }
    }

    public static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
