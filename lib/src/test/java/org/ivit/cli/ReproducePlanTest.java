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
        assertEquals(64, lines.size());
        List<JsonObject> vitRuns = lines.stream().filter(o -> !o.get("method").getAsString().equals("classifier")).toList();
        assertEquals(PinnedRunIdsTest.PAPER, vitRuns.stream().map(o -> o.get("run_id").getAsString()).toList());
        for (JsonObject o : lines) {
            assertEquals(Set.of("run_id", "table", "dataset", "method", "backbone", "prompt", "mode", "seed"), o.keySet(), o::toString);
        }
        assertTrue(vitRuns.stream().allMatch(o -> o.get("backbone").getAsString().equals("vit_base_patch16_224")));
        assertEquals(48, lines.stream().filter(o -> o.get("table").getAsInt() == 1).count());
        assertEquals(16, lines.stream().filter(o -> o.get("table").getAsInt() == 2).count());
        // per dataset: ViT-B, Ours, the ten baselines in Table 1's row order, then Table 2
        JsonObject resnet50 = lines.get(5);
        assertEquals("paper-caltech101-resnet50-full-cd9fac60", resnet50.get("run_id").getAsString());
        assertEquals("resnet50", resnet50.get("backbone").getAsString());
        assertEquals("classifier", resnet50.get("method").getAsString());
        assertEquals("paper-oxford_pets-vit-full-b3e02fd7", lines.get(16).get("run_id").getAsString());
        assertEquals("paper-flowers102-efficientnet_b3-full-26b6924e", lines.get(59).get("run_id").getAsString());
        assertEquals(List.of("vit_base_patch16_224", "vit_base_patch16_224", "deit_base_patch16_224", "cait_s24_224", "pit_b_224",
                "resnet50", "resnet101", "resnet152", "efficientnet_b0", "efficientnet_b1", "efficientnet_b2", "efficientnet_b3"),
                lines.subList(0, 12).stream().map(o -> o.get("backbone").getAsString()).toList());
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
        assertEquals(40, plan("--profile", "paper", "--tables", "1", "--datasets", "caltech101,oxford_pets,stanford_cars,flowers102")
                .stream().filter(o -> o.get("method").getAsString().equals("classifier")).count());
    }
}
