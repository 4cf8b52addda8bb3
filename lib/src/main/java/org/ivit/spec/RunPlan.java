package org.ivit.spec;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;

/**
 * The runs a {@code reproduce} would train, in its order, one JSON object per line: what a cluster
 * job array or a person reads to see the sweep before anything trains. The order is that of {@link
 * Profiles#reproduce}, so line I is always the same run for the same arguments. Each line also
 * carries its profile and the whole resolved spec ({@code spec}, the keys of config.json, any
 * {@code --set} already applied), so {@code train --plan-file F --index I} rebuilds exactly that
 * run without the presets or options that made it ({@link PlanFile}).
 */
public final class RunPlan {
    private static final Gson LINE = new GsonBuilder().serializeNulls().create();

    private RunPlan() {}

    /**
     * @param runIds the id of each run: a recorded run's where the results folder has one, else the
     *     id a new run gets
     */
    public static List<String> lines(
            List<ExperimentConfig> runs,
            java.util.function.Function<ExperimentConfig, String> runIds) {
        return runs.stream().map(cfg -> line(cfg, runIds.apply(cfg))).toList();
    }

    static String line(ExperimentConfig cfg, String runId) {
        JsonObject o = new JsonObject();
        o.addProperty("run_id", runId);
        o.addProperty("table", cfg.table());
        o.addProperty("dataset", cfg.dataset());
        o.addProperty("method", cfg.method().id());
        o.addProperty("backbone", cfg.backbone());
        o.addProperty("prompt", cfg.prompt().kind() == null ? null : cfg.prompt().kind().id());
        o.addProperty("mode", cfg.mode().id());
        o.addProperty("seed", cfg.seed());
        o.addProperty("profile", cfg.profile());
        o.add("spec", JsonParser.parseString(cfg.toJson()));
        if (cfg.data().shots() > 0) {
            o.addProperty(
                    "shots",
                    cfg.data().shots()); // only few-shot lines, so the others read as before
        }
        return LINE.toJson(o);
    }
}
