package org.ivit.spec;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A plan written by {@code reproduce --plan} ({@link RunPlan}), read back one run at a time: what a
 * Slurm array task does with its {@code SLURM_ARRAY_TASK_ID}. Index I is the I-th non-blank line,
 * counted from 0. The spec of the line is rebuilt; its run_id (a recorded run's where the results
 * folder had one, else a new run's) must name the spec's run, and the trainer checks it against the
 * results folder ({@link #runId}), so a line edited by hand is refused rather than trained under a
 * wrong name.
 */
public final class PlanFile {
    private final Path file;
    private final List<String> lines;

    private PlanFile(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    public static PlanFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new PlanFileException(
                    file, 0, "no such file (write one with: ivit reproduce --plan > FILE)");
        }
        return new PlanFile(
                file, Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList());
    }

    public int size() {
        return lines.size();
    }

    /** The run_id line {@code index} (0-based) was planned with. */
    public String runId(int index) {
        run(index);
        return JsonParser.parseString(lines.get(index))
                .getAsJsonObject()
                .get("run_id")
                .getAsString();
    }

    /**
     * The run of line {@code index} (0-based), checked against the readable part of the line's
     * run_id.
     */
    public ExperimentConfig run(int index) {
        if (index < 0 || index >= lines.size()) {
            throw new PlanFileException(
                    file,
                    0,
                    "has "
                            + lines.size()
                            + " run(s), indices 0 to "
                            + (lines.size() - 1)
                            + "; there is no index "
                            + index);
        }
        int lineNumber = lineNumber(index);
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(lines.get(index));
            if (!e.isJsonObject()) {
                throw new PlanFileException(file, lineNumber, "is not a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new PlanFileException(file, lineNumber, "is not JSON: " + e.getMessage());
        }
        if (!o.has("run_id") || !o.get("run_id").isJsonPrimitive()) {
            throw new PlanFileException(file, lineNumber, "has no run_id");
        }
        if (!o.has("spec") || !o.get("spec").isJsonObject()) {
            throw new PlanFileException(
                    file,
                    lineNumber,
                    "has no spec object (a plan from before plans carried their"
                            + " specs; write it again with ivit reproduce --plan)");
        }
        ExperimentConfig cfg;
        try {
            cfg =
                    ExperimentConfig.fromJson(
                            o.get("spec").toString(), file + ":" + lineNumber + " spec");
        } catch (SpecException e) {
            throw new PlanFileException(file, lineNumber, e.getMessage());
        }
        String written = o.get("run_id").getAsString();
        String fresh = cfg.newRunId();
        String name = fresh.substring(0, fresh.lastIndexOf('-') + 1);
        if (!written.startsWith(name) || written.length() != fresh.length()) {
            throw new PlanFileException(
                    file,
                    lineNumber,
                    "run_id is "
                            + written
                            + " but its spec names a run "
                            + name
                            + "<8 hex digits>; the line was edited; write the plan again with ivit reproduce --plan");
        }
        return cfg;
    }

    /** The 1-based line in the file of the index-th non-blank line. */
    private int lineNumber(int index) {
        try {
            List<String> all = Files.readAllLines(file);
            int seen = -1;
            for (int i = 0; i < all.size(); i++) {
                if (!all.get(i).isBlank() && ++seen == index) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            // the file was read a moment ago; fall back to the index
        }
        return index + 1;
    }
}
