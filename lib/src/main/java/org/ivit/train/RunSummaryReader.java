package org.ivit.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.FewShotPlan;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.Recipe;
import org.ivit.spec.TuningMode;

/**
 * Reads the run-record contract strictly: every required key present with the right type and an
 * allowed value, each error naming the file. Keys the contract allows to be null may also be
 * absent, since JSON writers such as Gson drop null fields by default. The spec comes from the
 * config.json beside the summary; the keys the summary restates must agree with it.
 */
final class RunSummaryReader {
    /**
     * The spec keys summary.json restates; with a config.json each must be what the spec gives. The
     * run id is the record's name, not checked: a copy of a record under another name still reads.
     */
    private static final List<String> SPEC_KEYS =
            List.of(
                    "profile",
                    "table",
                    "dataset",
                    "method",
                    "prompt",
                    "mode",
                    "backbone",
                    "clip",
                    "template_set",
                    "sim_loss",
                    "top_k",
                    "selection",
                    "recipe");

    private static final String NEEDS_FEW_SHOT =
            "a few-shot record (\"table\": 3) needs \"few_shot\" (shots, seed, split files"
                    + " and their SHA-256)";

    private final Path file;
    private JsonObject json;

    RunSummaryReader(Path file) {
        this.file = file;
    }

    RunSummary read() {
        json = parse();
        int version = schemaVersion();
        String runId = requiredString("run_id");
        requiredString(
                "dataset"); // any prepared dataset, registered or not, as the engine trains it
        Path configFile = file.resolveSibling("config.json");
        boolean hasConfig = Files.isRegularFile(configFile);
        ExperimentConfig cfg = hasConfig ? config(configFile) : specFromSummary();
        RunMetrics metrics =
                new RunMetrics(
                        requiredInt("best_epoch"),
                        requiredInt("epochs"),
                        percent("test_top1", requiredNumber("test_top1")),
                        percent("test_top5", requiredNumber("test_top5")),
                        percent("val_top1", optionalNumber("val_top1")),
                        requiredNumber("wall_seconds"),
                        requiredInt("bad_images"),
                        version == 1 && optionalInt("skipped_steps") == null
                                ? 0
                                : requiredInt("skipped_steps"),
                        requiredBoolean("finished"),
                        fewShot(cfg));
        RunSummary summary =
                new RunSummary(cfg, metrics, new RunProvenance(runId, requiredString("commit")));
        if (hasConfig) {
            agreesWith(summary.toJson(), configFile);
        }
        return summary;
    }

    private ExperimentConfig config(Path configFile) {
        try {
            return ExperimentConfig.fromJson(Files.readString(configFile), configFile.toString());
        } catch (IOException e) {
            throw new RunRecordException(configFile, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) { // SpecException names the file and key
            throw new RunRecordException(configFile, "is not a valid spec: " + e.getMessage(), e);
        }
    }

    /**
     * The spec of a record without config.json: the profile's preset for its dataset, method,
     * backbone, prompt kind and mode, with the summary's recipe, prompt fields, selection, table
     * and epochs. Fields summary.json does not restate (seed, learning rate...) are the preset's.
     */
    private ExperimentConfig specFromSummary() {
        String source = file + " (no config.json beside it)";
        try {
            ExperimentConfig.Builder b =
                    Profiles.builder(
                            oneOf("profile", requiredString("profile"), Profiles.NAMES),
                            requiredString("dataset"),
                            Method.fromId(requiredString("method")),
                            requiredString("backbone"),
                            optionalString("prompt"),
                            TuningMode.fromId(requiredString("mode")));
            String recipe = optionalString("recipe");
            if (recipe != null) {
                b.set(
                        source, "recipe",
                        recipe); // first: a recipe resets the behaviour keys set before it
            }
            int table = requiredInt("table");
            JsonElement few = json.get("few_shot");
            if (few == null || few.isJsonNull()) {
                if (table == FewShotPlan.TABLE) {
                    throw fail(NEEDS_FEW_SHOT);
                }
            } else if (table == FewShotPlan.TABLE
                    && few.isJsonObject()
                    && few.getAsJsonObject().has("shots")) {
                b.set(source, "trainLimit", "0"); // a few-shot run trains on its k images per class
                b.set(source, "shots", few.getAsJsonObject().get("shots").getAsString());
            }
            b.set(source, "table", String.valueOf(table));
            b.set(source, "clip", requiredString("clip"));
            if (optionalString("template_set") != null) {
                b.set(source, "templateSet", optionalString("template_set"));
            }
            if (optionalString("sim_loss") != null) {
                b.set(source, "simLoss", optionalString("sim_loss"));
            }
            Integer topK = optionalInt("top_k");
            b.set(source, "valTopK", String.valueOf(topK == null ? 0 : topK));
            b.set(source, "selection", requiredString("selection"));
            b.set(source, "epochs", String.valueOf(requiredInt("epochs")));
            return b.build();
        } catch (RunRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw fail("its keys make no valid spec: " + e.getMessage());
        }
    }

    /**
     * Each spec key the summary restates is what its config.json gives (an absent recipe is the
     * paper's).
     */
    private void agreesWith(JsonObject fromSpec, Path configFile) {
        for (String key : SPEC_KEYS) {
            JsonElement recorded = json.get(key);
            JsonElement expected = fromSpec.get(key);
            if (key.equals("recipe")) {
                recorded =
                        recorded == null || recorded.isJsonNull()
                                ? new JsonPrimitive(Recipe.PAPER.id())
                                : recorded;
                expected = expected == null ? new JsonPrimitive(Recipe.PAPER.id()) : expected;
            }
            recorded = recorded == null ? JsonNull.INSTANCE : recorded;
            if (!recorded.equals(expected)) {
                throw fail(
                        "\""
                                + key
                                + "\" is "
                                + recorded
                                + " but "
                                + configFile.getFileName()
                                + " beside it gives "
                                + expected
                                + " (the two files are of different runs, or one was edited)");
            }
        }
    }

    /** The optional {@code few_shot} object; a few-shot record must have it. */
    private FewShotSubset fewShot(ExperimentConfig cfg) {
        JsonElement value = json.get("few_shot");
        if (value == null || value.isJsonNull()) {
            if (cfg.table() == FewShotPlan.TABLE || cfg.data().shots() > 0) {
                throw fail(NEEDS_FEW_SHOT);
            }
            return null;
        }
        if (!value.isJsonObject()) {
            throw fail("\"few_shot\" must be an object, got " + value);
        }
        JsonObject outer = json;
        json = value.getAsJsonObject();
        try {
            int shots = requiredInt("shots");
            if (shots < 1) {
                throw fail("\"few_shot\".\"shots\" must be >= 1, got " + shots);
            }
            return new FewShotSubset(
                    shots,
                    requiredInt("seed"),
                    requiredString("train_split"),
                    requiredString("train_split_sha256"),
                    requiredString("val_split"),
                    requiredString("val_split_sha256"));
        } finally {
            json = outer;
        }
    }

    boolean finished() {
        json = parse();
        schemaVersion();
        return requiredBoolean("finished");
    }

    /**
     * 1 for records written before the version was recorded; refuses any version this code does not
     * read.
     */
    private int schemaVersion() {
        Integer version = optionalInt("schema_version");
        if (version == null) {
            return 1;
        }
        if (version < 1 || version > RunSummary.SCHEMA_VERSION) {
            throw fail(
                    "\"schema_version\" is "
                            + version
                            + "; this code reads versions 1 to "
                            + RunSummary.SCHEMA_VERSION
                            + " (a record of a newer ivit, or not a run record); the run is kept as it is");
        }
        return version;
    }

    private JsonObject parse() {
        try (Reader reader = Files.newBufferedReader(file)) {
            JsonElement root = JsonParser.parseReader(reader);
            if (!root.isJsonObject()) {
                throw fail("expected a JSON object at the top level");
            }
            return root.getAsJsonObject();
        } catch (IOException e) {
            throw new RunRecordException(file, "cannot read: " + e.getMessage(), e);
        } catch (com.google.gson.JsonParseException e) {
            throw new RunRecordException(
                    file,
                    "not valid JSON (truncated or damaged: "
                            + e.getMessage()
                            + "); delete or"
                            + " repair it to train the run again from its last checkpoint",
                    e);
        }
    }

    private JsonPrimitive required(String key) {
        JsonElement value = json.get(key);
        if (value == null) {
            throw fail("missing required key \"" + key + "\"");
        }
        if (value.isJsonNull()) {
            throw fail("\"" + key + "\" must not be null");
        }
        if (!value.isJsonPrimitive()) {
            throw fail("\"" + key + "\" must be a plain value, got " + value);
        }
        return value.getAsJsonPrimitive();
    }

    private JsonPrimitive optional(String key) {
        JsonElement value = json.get(key);
        return value == null || value.isJsonNull() ? null : required(key);
    }

    private String requiredString(String key) {
        return string(key, required(key));
    }

    private String optionalString(String key) {
        JsonPrimitive value = optional(key);
        return value == null ? null : string(key, value);
    }

    private String string(String key, JsonPrimitive value) {
        if (!value.isString()) {
            throw fail("\"" + key + "\" must be a string, got " + value);
        }
        return value.getAsString();
    }

    private double requiredNumber(String key) {
        return number(key, required(key));
    }

    private Double optionalNumber(String key) {
        JsonPrimitive value = optional(key);
        return value == null ? null : number(key, value);
    }

    private double number(String key, JsonPrimitive value) {
        if (!value.isNumber()) {
            throw fail("\"" + key + "\" must be a number, got " + value);
        }
        return value.getAsDouble();
    }

    private int requiredInt(String key) {
        return integer(key, required(key));
    }

    private Integer optionalInt(String key) {
        JsonPrimitive value = optional(key);
        return value == null ? null : integer(key, value);
    }

    private int integer(String key, JsonPrimitive value) {
        if (!value.isNumber()) {
            throw fail("\"" + key + "\" must be an integer, got " + value);
        }
        BigDecimal exact = value.getAsBigDecimal();
        try {
            return exact.intValueExact();
        } catch (ArithmeticException e) {
            throw fail("\"" + key + "\" must be an integer, got " + value);
        }
    }

    private boolean requiredBoolean(String key) {
        JsonPrimitive value = required(key);
        if (!value.isBoolean()) {
            throw fail("\"" + key + "\" must be true or false, got " + value);
        }
        return value.getAsBoolean();
    }

    private String oneOf(String key, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw fail("\"" + key + "\" is \"" + value + "\"; expected one of " + allowed);
        }
        return value;
    }

    // A value outside 0..100 cannot be a percentage: the writer broke the contract.
    private Double percent(String key, Double value) {
        if (value != null && (value < 0 || value > 100)) {
            throw fail("\"" + key + "\" must be a percentage in 0..100, got " + value);
        }
        return value;
    }

    private RunRecordException fail(String problem) {
        return new RunRecordException(file, problem);
    }
}
