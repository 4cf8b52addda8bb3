package org.ivit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.ivit.CliRun;
import org.ivit.train.ExperimentConfig;
import org.ivit.train.PinnedRunIdsTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reproduce --plan}: one JSON line per planned run, in the order reproduce trains them, and nothing trained. */
class ReproducePlanTest {
    @TempDir
    Path results;

    private CliRun planRun(String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "reproduce";
        args[1] = "--plan";
        args[2] = "--results-dir";
        args[3] = results.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return CliRun.of(args);
    }

    private List<JsonObject> plan(String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "reproduce";
        args[1] = "--plan";
        args[2] = "--results-dir";
        args[3] = results.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run::err);
        return run.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    @Test
    void thePaperPlanListsEveryRunWithItsIdInOrderAndTrainsNothing() throws Exception {
        CliRun run = planRun("--profile", "paper", "--tables", "1,2");
        assertEquals(0, run.exitCode(), run::err);
        List<JsonObject> lines = run.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        // 3 seeds x 6 cells x 4 datasets; the first seed's runs first, with the ids recorded before seed lists
        assertEquals(72, lines.size());
        assertEquals(PinnedRunIdsTest.PAPER, lines.subList(0, 24).stream().map(o -> o.get("run_id").getAsString()).toList());
        assertTrue(run.err().contains("72 run(s) planned = 3 seed(s) [1234, 1235, 1236] x 6 cell(s) of tables [1, 2]"
                + " x 4 dataset(s) [caltech101, oxford_pets, stanford_cars, flowers102]"), run.err());
        assertEquals(List.of(1234, 1235, 1236), lines.stream().map(o -> o.get("seed").getAsInt()).distinct().toList());
        assertEquals(72, lines.stream().map(o -> o.get("run_id").getAsString()).distinct().count(), "each seed is its own run id");
        for (JsonObject o : lines) {
            assertEquals(Set.of("run_id", "table", "dataset", "method", "backbone", "prompt", "mode", "seed", "profile", "spec"),
                    o.keySet(), o::toString);
            assertEquals("paper", o.get("profile").getAsString());
            assertEquals(o.get("run_id").getAsString(), ExperimentConfig.fromJson(o.get("spec").toString()).runId());
            assertEquals("vit_base_patch16_224", o.get("backbone").getAsString());
        }
        assertEquals(24, lines.stream().filter(o -> o.get("table").getAsInt() == 1).count());
        assertEquals(48, lines.stream().filter(o -> o.get("table").getAsInt() == 2).count());
        assertEquals(PinnedRunIdsTest.PAPER, plan("--profile", "paper", "--seeds", "1").stream()
                .map(o -> o.get("run_id").getAsString()).toList());
        try (var files = Files.list(results)) {
            assertFalse(files.findAny().isPresent(), "a plan must write nothing");
        }
    }

    @Test
    void aPlanFollowsTheTablesAndDatasetsChosen() {
        List<JsonObject> lines = plan("--profile", "paper", "--tables", "2", "--datasets", "oxford_pets");
        assertEquals(12, lines.size());
        assertTrue(lines.stream().allMatch(o -> o.get("dataset").getAsString().equals("oxford_pets")
                && o.get("mode").getAsString().equals("prompt")));
        assertEquals(PinnedRunIdsTest.QUICK, plan("--seeds", "1").stream().map(o -> o.get("run_id").getAsString()).toList());
        assertEquals(PinnedRunIdsTest.QUICK, plan().subList(0, 6).stream().map(o -> o.get("run_id").getAsString()).toList());
    }

    @Test
    void seedsAreACountOrAList() {
        assertEquals(List.of(1234, 1235, 1236, 1237, 1238), plan("--seeds", "5", "--tables", "1").stream()
                .map(o -> o.get("seed").getAsInt()).distinct().toList());
        assertEquals(List.of(7, 99), plan("--seeds", "7,99", "--tables", "1").stream().map(o -> o.get("seed").getAsInt()).distinct().toList());
        assertEquals(List.of(7, 7), plan("--seeds", "7,", "--tables", "1").stream().map(o -> o.get("seed").getAsInt()).toList());
        CliRun bad = planRun("--seeds", "three");
        assertEquals(2, bad.exitCode(), bad::out);
        assertTrue(bad.err().contains("--seeds 'three': not a whole number"), bad.err());
        CliRun twice = planRun("--seeds", "5,5");
        assertEquals(2, twice.exitCode(), twice::out);
        assertTrue(twice.err().contains("seeds must differ from each other, got [5, 5]"), twice.err());
    }

    @Test
    void setOverridesEveryPlannedRunAndItsId() {
        List<JsonObject> lines = plan("--tables", "2", "--seeds", "1", "--set", "trainLimit=256", "--set", "epochs=3");
        assertEquals(4, lines.size());
        for (JsonObject o : lines) {
            JsonObject spec = o.getAsJsonObject("spec");
            assertEquals(256, spec.get("trainLimit").getAsInt());
            assertEquals(3, spec.get("epochs").getAsInt());
            assertFalse(PinnedRunIdsTest.QUICK.contains(o.get("run_id").getAsString()), o::toString);
        }
        CliRun bad = CliRun.of("reproduce", "--plan", "--set", "epochz=3");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("epochz"), bad.err());
    }
}
