package org.ivit.results;

import org.ivit.data.Datasets;
import org.ivit.prompt.PromptKinds;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the run-record contract strictly: every required key present with the right type and an
 * allowed value, each error naming the file. Keys the contract allows to be null may also be absent,
 * since JSON writers such as Gson drop null fields by default.
 */
final class RunSummaryReader {
    // The contract's allowed values. Datasets and prompt kinds come from their registries; this package
    // reads records without the training code, so the ids of profiles, methods, modes and losses are
    // spelled here, and RunRecordIdsTest checks them against the enums that write them.
    static final List<String> PROFILES = List.of("quick", "paper");
    static final List<String> DATASETS = Datasets.ids();
    static final List<String> METHODS = List.of("vit", "vpt", "instruction-vit", "classifier");
    static final List<String> PROMPTS = PromptKinds.ids();
    static final List<String> MODES = List.of("full", "prompt");
    static final List<String> SIM_LOSSES = List.of("paper", "authors");
    static final List<String> SELECTIONS = List.of("val", "test");
    static final List<String> RECIPES = List.of("paper", "authors");

    private final Path file;
    private JsonObject json;

    RunSummaryReader(Path file) {
        this.file = file;
    }

    RunSummary read() {
        json = parse();
        int version = schemaVersion();
        return new RunSummary(
                requiredString("run_id"),
                oneOf("profile", requiredString("profile"), PROFILES),
                table(),
                oneOf("dataset", requiredString("dataset"), DATASETS),
                oneOf("method", requiredString("method"), METHODS),
                oneOf("prompt", optionalString("prompt"), PROMPTS),
                oneOf("mode", requiredString("mode"), MODES),
                requiredString("backbone"),
                requiredString("clip"),
                optionalString("template_set"),
                oneOf("sim_loss", optionalString("sim_loss"), SIM_LOSSES),
                optionalInt("top_k"),
                oneOf("selection", requiredString("selection"), SELECTIONS),
                requiredInt("best_epoch"),
                requiredInt("epochs"),
                percent("test_top1", requiredNumber("test_top1")),
                percent("test_top5", requiredNumber("test_top5")),
                percent("val_top1", optionalNumber("val_top1")),
                requiredString("commit"),
                requiredNumber("wall_seconds"),
                requiredInt("bad_images"),
                version == 1 && optionalInt("skipped_steps") == null ? 0 : requiredInt("skipped_steps"),
                requiredBoolean("finished"),
                fewShot(),
                oneOf("recipe", optionalString("recipe") == null ? RunSummary.DEFAULT_RECIPE : optionalString("recipe"), RECIPES));
    }

    /** The optional {@code few_shot} object; a table 3 record must have it. */
    private RunSummary.FewShot fewShot() {
        JsonElement value = json.get("few_shot");
        if (value == null || value.isJsonNull()) {
            if (requiredInt("table") == FewShotTable.TABLE) {
                throw fail("a few-shot record (\"table\": 3) needs \"few_shot\" (shots, seed, split files and their SHA-256)");
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
            return new RunSummary.FewShot(shots, requiredInt("seed"), requiredString("train_split"),
                    requiredString("train_split_sha256"), requiredString("val_split"), requiredString("val_split_sha256"));
        } finally {
            json = outer;
        }
    }

    boolean finished() {
        json = parse();
        schemaVersion();
        return requiredBoolean("finished");
    }

    /** 1 for records written before the version was recorded; refuses any version this code does not read. */
    private int schemaVersion() {
        Integer version = optionalInt("schema_version");
        if (version == null) {
            return 1;
        }
        if (version < 1 || version > RunSummary.SCHEMA_VERSION) {
            throw fail("\"schema_version\" is " + version + "; this code reads versions 1 to " + RunSummary.SCHEMA_VERSION
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
            throw new RunRecordException(file, "not valid JSON (truncated or damaged: " + e.getMessage() + "); delete or"
                    + " repair it to train the run again from its last checkpoint", e);
        }
    }

    private int table() {
        int table = requiredInt("table");
        if (table < 1 || table > 3) {
            throw fail("\"table\" must be 1, 2 or 3 (few-shot), got " + table);
        }
        return table;
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
