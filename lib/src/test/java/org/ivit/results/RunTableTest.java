package org.ivit.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ivit.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long table of every run, checked against the committed summary.json files read as plain JSON.
 */
class RunTableTest {
    @TempDir Path tmp;

    private static final Path RUNS = Project.root().resolve("results/runs");

    private static List<JsonObject> summaries() throws IOException {
        List<JsonObject> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(RUNS)) {
            for (Path dir : dirs.sorted().toList()) {
                out.add(
                        JsonParser.parseString(Files.readString(dir.resolve("summary.json")))
                                .getAsJsonObject());
            }
        }
        return out;
    }

    @Test
    void oneRowPerCommittedRunWithItsSpecAndMetrics() throws IOException {
        List<JsonObject> json = summaries();
        RunTable runs = RunTable.scan(RUNS);
        assertEquals(json.size(), runs.rowCount());
        for (int i = 0; i < json.size(); i++) {
            JsonObject s = json.get(i);
            assertEquals(
                    s.get("run_id").getAsString(),
                    runs.table().stringColumn(RunTable.RUN_ID).get(i));
            assertEquals(
                    s.get("method").getAsString(),
                    runs.table().stringColumn(RunTable.METHOD).get(i));
            assertEquals(s.get("table").getAsInt(), runs.table().intColumn(RunTable.TABLE).get(i));
            assertEquals(
                    s.get("test_top1").getAsDouble(),
                    runs.table().doubleColumn(RunTable.TEST_TOP1).get(i));
            assertEquals(
                    s.has("few_shot") ? s.getAsJsonObject("few_shot").get("shots").getAsInt() : 0,
                    runs.table().intColumn(RunTable.SHOTS).get(i));
            assertEquals(s.get("run_id").getAsString(), runs.records().get(i).summary().runId());
        }
    }

    @Test
    void whereAndSplitOnSelectTheRunsOfACellAndOfTable3sGroups() throws IOException {
        RunTable runs = RunTable.scan(RUNS);
        List<Double> expected =
                summaries().stream()
                        .filter(
                                s ->
                                        s.get("profile").getAsString().equals("quick")
                                                && s.get("table").getAsInt() == 1
                                                && s.get("method").getAsString().equals("vit"))
                        .map(s -> s.get("test_top1").getAsDouble())
                        .sorted()
                        .toList();
        assertEquals(3, expected.size(), "three seeds of the quick ViT are committed");
        RunTable vit =
                runs.of("quick", 1)
                        .finished()
                        .where(t -> t.stringColumn(RunTable.METHOD).isEqualTo("vit"));
        assertEquals(
                expected,
                vit.table().doubleColumn(RunTable.TEST_TOP1).asList().stream().sorted().toList());
        assertEquals(3, vit.newestPerSeed(RunRecord::seed).size(), "one run per seed");

        Map<String, Integer> groups = new TreeMap<>();
        summaries().stream()
                .filter(s -> s.get("table").getAsInt() == 3)
                .forEach(
                        s ->
                                groups.merge(
                                        s.get("method").getAsString()
                                                + " k"
                                                + s.getAsJsonObject("few_shot")
                                                        .get("shots")
                                                        .getAsInt(),
                                        1,
                                        Integer::sum));
        Map<String, Integer> split = new TreeMap<>();
        for (RunTable g :
                runs.of("quick", 3)
                        .splitOn(
                                RunTable.DATASET,
                                RunTable.METHOD,
                                RunTable.PROMPT,
                                RunTable.SHOTS)) {
            split.put(
                    g.table().stringColumn(RunTable.METHOD).get(0)
                            + " k"
                            + g.table().intColumn(RunTable.SHOTS).get(0),
                    g.rowCount());
        }
        assertEquals(groups, split);
    }

    @Test
    void aRecordWithoutConfigJsonHasNoKnownSeed() {
        RunTable fixtures = RunTable.scan(FixtureRuns.runsDir(tmp));
        assertEquals(9, fixtures.rowCount());
        assertEquals(9, fixtures.table().intColumn(RunTable.SEED).countMissing());
        assertEquals(
                List.of("p-vit-cars-unfinished"),
                fixtures.where(t -> t.booleanColumn(RunTable.FINISHED).isFalse()).records().stream()
                        .map(r -> r.summary().runId())
                        .toList());
    }
}
