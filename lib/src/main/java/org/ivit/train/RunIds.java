package org.ivit.train;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.SpecException;

/**
 * The ids of the runs recorded in a runs folder, read from their config.json files: a run's id is
 * made once, when the run is created ({@link ExperimentConfig#newRunId}), and never derived again,
 * so a change to the spec's hashing leaves every recorded run where it is. A spec that trains what
 * a recorded run trained ({@link ExperimentConfig#effective()} equal) is that run.
 */
public final class RunIds {
    /**
     * The config.json files {@link #in} has read in this JVM: lets a test see that a sweep reads
     * its runs folder once, not once per run.
     */
    private static final AtomicLong CONFIGS_READ = new AtomicLong();

    private final Map<ExperimentConfig, String> recorded;

    private RunIds(Map<ExperimentConfig, String> recorded) {
        this.recorded = recorded;
    }

    /**
     * The runs under {@code runsDir} (none if it does not exist). A config.json that is not a spec
     * with a run_id fails, naming the file: a run it cannot read might otherwise be trained again.
     */
    public static RunIds in(Path runsDir) {
        Map<ExperimentConfig, String> ids = new LinkedHashMap<>();
        if (!Files.isDirectory(runsDir)) {
            return new RunIds(ids);
        }
        try (Stream<Path> dirs = Files.list(runsDir)) {
            for (Path dir : dirs.sorted().toList()) {
                Path config = dir.resolve("config.json");
                if (Files.isRegularFile(config)) {
                    CONFIGS_READ.incrementAndGet();
                    ids.putIfAbsent(read(config).effective(), storedId(config));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the runs in " + runsDir, e);
        }
        return new RunIds(ids);
    }

    /** How many config.json files {@link #in} has read in this JVM so far. */
    public static long configsRead() {
        return CONFIGS_READ.get();
    }

    /** The id of the recorded run with this spec, or the id a new run of it gets. */
    public String idFor(ExperimentConfig spec) {
        String id = recorded.get(spec.effective());
        return id != null ? id : spec.newRunId();
    }

    /** Whether a run of this spec is recorded (finished or not). */
    public boolean isRecorded(ExperimentConfig spec) {
        return recorded.containsKey(spec.effective());
    }

    /** The recorded runs' effective specs and ids, in the order of their folders' names. */
    public Map<ExperimentConfig, String> recorded() {
        return Map.copyOf(recorded);
    }

    /** The spec of one config.json. */
    public static ExperimentConfig read(Path config) throws IOException {
        return ExperimentConfig.fromJson(Files.readString(config), config.toString());
    }

    /** The run_id a config.json holds. */
    public static String storedId(Path config) throws IOException {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(config)).getAsJsonObject();
            if (o.has("run_id") && o.get("run_id").isJsonPrimitive()) {
                return o.get("run_id").getAsString();
            }
        } catch (JsonParseException | IllegalStateException e) {
            // named below
        }
        throw new SpecException(
                config.toString(),
                "run_id",
                "is missing: every run record stores the id it was created with");
    }
}
