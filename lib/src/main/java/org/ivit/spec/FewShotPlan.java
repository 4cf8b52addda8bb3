package org.ivit.spec;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ivit.data.Datasets;

/**
 * Table 3, the few-shot table, as a profile's preset plans it (its {@code "fewShot"} object): which
 * methods are its rows, which k its columns, on which datasets, with how many epochs per k and
 * which spec values change for it. Every run is in prompt-tuning mode and has {@code table} 3 and
 * {@code shots} k; its batch is the preset's, or k × classes when that is fewer (k = 1 on a
 * 10-class dataset has 10 images); the micro-batch stays the preset's, which evaluation uses.
 *
 * @param datasets the datasets it runs on; empty for all of the profile's datasets
 * @param epochsByShots epochs per k, one entry for each k
 * @param set spec keys to change for every few-shot run (e.g. batchSize, trainLimit)
 */
public record FewShotPlan(
        String profile,
        List<Integer> shots,
        List<String> datasets,
        List<Row> rows,
        Map<Integer, Integer> epochsByShots,
        JsonObject set) {
    /**
     * The table number few-shot runs record: the paper has two tables; the few-shot runs fill a
     * third.
     */
    public static final int TABLE = 3;

    /** One row of the table: a method, with its prompt kind for Instruction-ViT. */
    public record Row(Method method, String prompt) {
        /** "vpt", "instruction-vit text". */
        @Override
        public String toString() {
            return method.id() + (prompt == null ? "" : " " + prompt);
        }
    }

    /**
     * The plan of a profile's preset; a missing or malformed entry is a {@link SpecException}
     * naming the preset and the key.
     */
    public static FewShotPlan of(String profile) {
        JsonObject preset = Profiles.preset(profile);
        String source = Profiles.presetName(profile);
        if (!preset.has("fewShot") || !preset.get("fewShot").isJsonObject()) {
            throw new SpecException(
                    source, "fewShot", "is missing (an object with shots, rows, epochs and set)");
        }
        JsonObject o = preset.getAsJsonObject("fewShot");
        try {
            List<Integer> shots = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("shots")) {
                int k = e.getAsInt();
                if (k < 1) {
                    throw new SpecException(
                            source, "fewShot.shots", "holds " + k + "; every k must be >= 1");
                }
                shots.add(k);
            }
            List<String> datasets = new ArrayList<>();
            if (o.has("datasets")) {
                o.getAsJsonArray("datasets").forEach(e -> datasets.add(e.getAsString()));
            }
            List<Row> rows = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("rows")) {
                JsonObject r = e.getAsJsonObject();
                rows.add(
                        new Row(
                                Method.fromId(r.get("method").getAsString()),
                                r.has("prompt") ? r.get("prompt").getAsString() : null));
            }
            Map<Integer, Integer> epochs = new TreeMap<>();
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("epochs").entrySet()) {
                epochs.put(Integer.parseInt(e.getKey()), e.getValue().getAsInt());
            }
            for (int k : shots) {
                if (!epochs.containsKey(k)) {
                    throw new SpecException(
                            source,
                            "fewShot.epochs",
                            "has no entry for k = " + k + " (it has " + epochs.keySet() + ")");
                }
            }
            JsonObject set = o.has("set") ? o.getAsJsonObject("set") : new JsonObject();
            return new FewShotPlan(
                    profile,
                    List.copyOf(shots),
                    List.copyOf(datasets),
                    List.copyOf(rows),
                    Map.copyOf(epochs),
                    set);
        } catch (RuntimeException e) {
            if (e instanceof SpecException s) {
                throw s;
            }
            throw new SpecException(
                    source,
                    "fewShot",
                    "is malformed: "
                            + e.getMessage()
                            + " (shots: [k...], rows: [{method, prompt}...], epochs: {\"k\": n}, set: {key: value})");
        }
    }

    /** Whether the table has runs on this dataset. */
    public boolean covers(String dataset) {
        return datasets.isEmpty() || datasets.contains(dataset);
    }

    /**
     * The runs on one dataset with the spec's seed, row by row and k by k; none where the plan does
     * not cover it.
     */
    public List<ExperimentConfig> runs(String dataset) {
        return runs(dataset, List.of());
    }

    /**
     * The runs on one dataset for each seed (seed by seed, then row by row, then k by k); an empty
     * list means the spec's seed alone.
     */
    public List<ExperimentConfig> runs(String dataset, List<Integer> seeds) {
        List<ExperimentConfig> runs = new ArrayList<>();
        if (!covers(dataset)) {
            return runs;
        }
        for (int s = 0; s < Math.max(1, seeds.size()); s++) {
            for (Row row : rows) {
                for (int k : shots) {
                    runs.add(config(dataset, row, k, seeds.isEmpty() ? null : seeds.get(s)));
                }
            }
        }
        return runs;
    }

    /** One few-shot run; {@code seed} null keeps the spec's. */
    public ExperimentConfig config(String dataset, Row row, int k, Integer seed) {
        String source = Profiles.presetName(profile) + " fewShot";
        if (!epochsByShots.containsKey(k)) {
            throw new SpecException(
                    Profiles.presetName(profile),
                    "fewShot.epochs",
                    "has no entry for k = " + k + " (it has " + epochsByShots.keySet() + ")");
        }
        ExperimentConfig.Builder b =
                Profiles.builder(profile, dataset, row.method(), row.prompt(), TuningMode.PROMPT);
        b.setAll(source, set);
        b.set(source, "table", String.valueOf(TABLE));
        b.set(source, "shots", String.valueOf(k));
        b.set(source, "epochs", String.valueOf(epochsByShots.get(k)));
        if (seed != null) {
            b.set(source, "seed", String.valueOf(seed));
        }
        if (Datasets.isKnown(dataset)) {
            int images = k * Datasets.byId(dataset).classes();
            if (images < (int) b.get("batchSize")) {
                // the whole subset is one batch; the micro-batch stays (training uses min(micro,
                // batch), evaluation all of it)
                b.set(source + " (k x classes)", "batchSize", String.valueOf(images));
            }
        }
        return b.build();
    }
}
