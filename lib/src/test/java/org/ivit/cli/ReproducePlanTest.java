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
        List<JsonObject> lines = plan("--profile", "paper", "--tables", "1,2");
        assertEquals(PinnedRunIdsTest.PAPER, lines.stream().map(o -> o.get("run_id").getAsString()).toList());
        for (JsonObject o : lines) {
            assertEquals(Set.of("run_id", "table", "dataset", "method", "backbone", "prompt", "mode", "seed", "profile", "spec"),
                    o.keySet(), o::toString);
            assertEquals("paper", o.get("profile").getAsString());
            assertEquals(o.get("run_id").getAsString(), ExperimentConfig.fromJson(o.get("spec").toString()).runId());
            assertEquals("vit_base_patch16_224", o.get("backbone").getAsString());
        }
        assertEquals(8, lines.stream().filter(o -> o.get("table").getAsInt() == 1).count());
        assertEquals(16, lines.stream().filter(o -> o.get("table").getAsInt() == 2).count());
        try (var files = Files.list(results)) {
            assertFalse(files.findAny().isPresent(), "a plan must write nothing");
        }
    }

    @Test
    void aPlanFollowsTheTablesAndDatasetsChosen() {
        List<JsonObject> lines = plan("--profile", "paper", "--tables", "2", "--datasets", "oxford_pets");
        assertEquals(4, lines.size());
        assertTrue(lines.stream().allMatch(o -> o.get("dataset").getAsString().equals("oxford_pets")
                && o.get("mode").getAsString().equals("prompt")));
        assertEquals(PinnedRunIdsTest.QUICK, plan().stream().map(o -> o.get("run_id").getAsString()).toList());
    }

    @Test
    void setOverridesEveryPlannedRunAndItsId() {
        List<JsonObject> lines = plan("--tables", "2", "--set", "trainLimit=256", "--set", "epochs=3");
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
