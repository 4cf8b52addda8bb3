package org.ivit.fidelity;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ivit.model.VitConfig;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.TuningMode;

/**
 * One recorded PyTorch training trajectory ({@code NAME.json} of the training references): its
 * model, the spec the package trains it with, its files, per-step record and tolerances. Sizes,
 * steps and settings are read from the file, never assumed.
 */
record TrainingScenario(String name, Path dir, JsonObject json) {

    /** Every scenario in {@code dir}: each {@code *.json} with a {@code scenario} key, by name. */
    static List<TrainingScenario> all(Path dir) throws IOException {
        List<TrainingScenario> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file :
                    files.filter(f -> f.getFileName().toString().endsWith(".json"))
                            .sorted()
                            .toList()) {
                JsonObject o = parse(file);
                if (o.has("scenario")) {
                    out.add(new TrainingScenario(o.get("scenario").getAsString(), dir, o));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException(
                    "no training scenario (a NAME.json with a \"scenario\" key) in " + dir);
        }
        return out;
    }

    static TrainingScenario named(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".json");
        if (!Files.isRegularFile(file)) {
            throw new IOException("training reference " + file + " does not exist");
        }
        return new TrainingScenario(name, dir, parse(file));
    }

    private static JsonObject parse(Path file) throws IOException {
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    String model() {
        return json.get("model").getAsString();
    }

    boolean instructionVit() {
        return model().equals("instruction-vit");
    }

    VitConfig vit() {
        return VitConfig.builder()
                .imgSize(integer("image_size"))
                .patchSize(integer("patch_size"))
                .inChans(integer("num_channels"))
                .depth(integer("layers"))
                .numHeads(integer("heads"))
                .embedDim(integer("hidden"))
                .mlpWidth(integer("mlp"))
                .numClasses(integer("classes"))
                .eps(json.get("layer_norm_eps").getAsFloat())
                .build();
    }

    int promptDim() {
        return json.has("prompt_dim") ? integer("prompt_dim") : 0;
    }

    JsonObject batching() {
        return json.getAsJsonObject("batching");
    }

    int steps() {
        return batching().get("steps").getAsInt();
    }

    int stepsPerEpoch() {
        return batching().get("steps_per_epoch").getAsInt();
    }

    JsonObject step(int k) {
        return json.getAsJsonArray("steps").get(k).getAsJsonObject();
    }

    double tolerance(String key) {
        return json.getAsJsonObject("recommended_tolerances").get(key).getAsDouble();
    }

    List<String> names(String key) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray(key)) {
            out.add(e.getAsString());
        }
        return out;
    }

    Path file(String key) {
        return dir.resolve(json.getAsJsonObject("files").get(key).getAsString());
    }

    boolean has(String fileKey) {
        return json.getAsJsonObject("files").has(fileKey);
    }

    List<Path> initFiles() {
        List<Path> out = new ArrayList<>();
        for (JsonElement e : json.getAsJsonObject("files").getAsJsonArray("init")) {
            out.add(dir.resolve(e.getAsString()));
        }
        return out;
    }

    /**
     * The package's spec for this scenario: the quick profile's row of the scenario's method and
     * mode, following the scenario's recipe (Instruction-ViT: {@code paper} or {@code authors}; the
     * ViT and VPT runs keep the profile's), with the scenario's optimiser, schedule and batching.
     * What trains, the loss and the schedule's kind come from the recipe, not from this method.
     */
    ExperimentConfig spec() {
        Method method =
                switch (model()) {
                    case "instruction-vit" -> Method.INSTRUCTION_VIT;
                    case "vit" -> Method.VIT;
                    case "vpt-shallow" -> Method.VPT;
                    default ->
                            throw new IllegalArgumentException(
                                    name + ".json: unknown model '" + model() + "'");
                };
        TuningMode mode = TuningMode.fromId(json.get("mode").getAsString());
        String source = name + ".json";
        ExperimentConfig.Builder b =
                Profiles.builder(
                        Profiles.QUICK,
                        Profiles.defaultDataset(Profiles.QUICK),
                        method,
                        instructionVit() ? "text" : null,
                        mode);
        if (instructionVit()) {
            b.set(source, "recipe", json.get("recipe").getAsString());
        }
        JsonObject schedule = json.getAsJsonObject("schedule");
        int epochs = (steps() + stepsPerEpoch() - 1) / stepsPerEpoch();
        b.set(source, "epochs", String.valueOf(epochs))
                .set(source, "selectFromEpoch", "0")
                .set(source, "lr", String.valueOf(schedule.get("lr").getAsDouble()))
                .set(source, "batchSize", String.valueOf(batching().get("batch").getAsInt()))
                .set(source, "microBatch", String.valueOf(batching().get("micro_batch").getAsInt()))
                .set(source, "backboneWeights", null)
                .set(source, "imageSize", String.valueOf(integer("image_size")));
        if (schedule.get("type").getAsString().equals("constant")) {
            b.set(source, "minLr", String.valueOf(schedule.get("lr").getAsDouble()))
                    .set(source, "warmupEpochs", "0");
        } else {
            b.set(source, "minLr", String.valueOf(schedule.get("lr_min").getAsDouble()))
                    .set(
                            source,
                            "warmupEpochs",
                            String.valueOf(schedule.get("warmup_t").getAsDouble()))
                    .set(source, "tInitial", String.valueOf(schedule.get("t_initial").getAsInt()))
                    .set(source, "timmStepsPerEpoch", "1");
        }
        if (json.has("similarity_scale")) {
            b.set(source, "simScale", String.valueOf(json.get("similarity_scale").getAsDouble()));
        }
        if (json.has("vpt_tokens")) {
            b.set(source, "vptTokens", String.valueOf(integer("vpt_tokens")))
                    .set(source, "vptDeep", "false");
        }
        return b.build();
    }

    /**
     * The tensors of {@code key} ({@code trained}, {@code frozen}) as a map from name to nothing,
     * for lookups.
     */
    Map<String, Boolean> trainedByName() {
        Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        names("trained").forEach(n -> out.put(n, true));
        names("frozen").forEach(n -> out.put(n, false));
        return out;
    }

    private int integer(String key) {
        if (!json.has(key)) {
            throw new IllegalArgumentException(name + ".json has no '" + key + "'");
        }
        return json.get(key).getAsInt();
    }

    JsonArray stepsArray() {
        return json.getAsJsonArray("steps");
    }
}
