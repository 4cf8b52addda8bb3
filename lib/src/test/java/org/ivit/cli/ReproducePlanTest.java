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
            assertEquals(Set.of("run_id", "table", "dataset", "method", "backbone", "prompt", "mode", "seed"), o.keySet(), o::toString);
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
    void theFewShotTableIsPlannedByTablesThreeWithItsKOnEachLine() {
        List<JsonObject> quick = plan("--profile", "quick", "--tables", "3");
        // VPT and Instruction-ViT text x k in {1, 16} on Fashion-MNIST, with the spec's seed
        assertEquals(List.of("vpt/1", "vpt/16", "instruction-vit/1", "instruction-vit/16"),
                quick.stream().map(o -> o.get("method").getAsString() + "/" + o.get("shots").getAsInt()).toList());
        assertTrue(quick.stream().allMatch(o -> o.get("table").getAsInt() == 3 && o.get("mode").getAsString().equals("prompt")
                && o.get("dataset").getAsString().equals("fashion_mnist") && o.get("seed").getAsInt() == 1234), quick::toString);
        assertTrue(quick.get(0).get("run_id").getAsString().startsWith("quick-fashion_mnist-vpt-prompt-k1-"), quick::toString);
        List<JsonObject> all = plan("--profile", "quick", "--tables", "1,2,3");
        assertEquals(PinnedRunIdsTest.QUICK, all.subList(0, 6).stream().map(o -> o.get("run_id").getAsString()).toList());
        assertEquals(quick, all.subList(6, 10));
        List<JsonObject> paper = plan("--profile", "paper", "--tables", "3");
        assertEquals(4 * 4 * 5, paper.size(), "four rows x five k x four datasets");
        for (String dataset : List.of("caltech101", "oxford_pets", "stanford_cars", "flowers102")) {
            assertEquals(20, paper.stream().filter(o -> o.get("dataset").getAsString().equals(dataset)).count(), dataset);
        }
        assertEquals(16, paper.stream().filter(o -> o.get("shots").getAsInt() == 8).count());
        assertEquals(20, paper.stream().filter(o -> o.get("prompt").isJsonNull()).count(), "VPT");
        assertEquals(20, paper.stream().filter(o -> !o.get("prompt").isJsonNull() && o.get("prompt").getAsString().equals("mix")).count());
        assertEquals(80, paper.stream().map(o -> o.get("run_id").getAsString()).distinct().count(), "every run its own id");
        CliRun bad = CliRun.of("reproduce", "--plan", "--tables", "4");
        assertEquals(2, bad.exitCode(), bad::err);
        assertTrue(bad.err().contains("--tables: 4 is not a table"), bad::err);
    }
}
