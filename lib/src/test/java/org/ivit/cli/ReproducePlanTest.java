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
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.PinnedRunIdsTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reproduce --plan}: one JSON line per planned run, in the order reproduce trains them, and
 * nothing trained.
 */
class ReproducePlanTest {
    @TempDir Path results;

    private CliRun planRun(String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "reproduce";
        args[1] = "--plan";
        args[2] = "--results-dir";
        args[3] = results.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return CliRun.of(args);
    }

    private List<JsonObject> committedPlan(String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "reproduce";
        args[1] = "--plan";
        args[2] = "--results-dir";
        args[3] = org.ivit.Project.root().resolve("results").toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run::err);
        return run.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
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
        List<JsonObject> all =
                run.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        // 3 seeds x 16 cells (Table 1's 12 rows, Table 2's 4) x 4 datasets; the first seed's runs
        // first
        assertEquals(192, all.size());
        assertTrue(
                run.err()
                        .contains(
                                "192 run(s) planned = 3 seed(s) [1234, 1235, 1236] x 16 cell(s) of tables [1, 2]"
                                        + " x 4 dataset(s) [caltech101, oxford_pets, stanford_cars, flowers102]"),
                run.err());
        assertEquals(
                List.of(1234, 1235, 1236),
                all.stream().map(o -> o.get("seed").getAsInt()).distinct().toList());
        assertEquals(
                192,
                all.stream().map(o -> o.get("run_id").getAsString()).distinct().count(),
                "each seed is its own run id");
        assertEquals(144, all.stream().filter(o -> o.get("table").getAsInt() == 1).count());
        for (JsonObject o : all) {
            assertEquals(
                    Set.of(
                            "run_id",
                            "table",
                            "dataset",
                            "method",
                            "backbone",
                            "prompt",
                            "mode",
                            "seed",
                            "profile",
                            "spec"),
                    o.keySet(),
                    o::toString);
            assertEquals("paper", o.get("profile").getAsString());
            assertEquals(
                    o.get("run_id").getAsString(),
                    ExperimentConfig.fromJson(o.get("spec").toString()).newRunId());
        }
        List<JsonObject> lines = all.subList(0, 64);
        assertEquals(
                lines.stream().map(o -> o.get("run_id").getAsString()).toList(),
                plan("--profile", "paper", "--seeds", "1").stream()
                        .map(o -> o.get("run_id").getAsString())
                        .toList());
        List<JsonObject> vitRuns =
                lines.stream()
                        .filter(o -> !o.get("method").getAsString().equals("classifier"))
                        .toList();
        assertEquals(24, vitRuns.size());
        assertTrue(
                vitRuns.get(0)
                        .get("run_id")
                        .getAsString()
                        .matches("paper-caltech101-vit-full-[0-9a-f]{8}"),
                vitRuns.get(0)::toString);
        assertTrue(
                vitRuns.stream()
                        .allMatch(
                                o ->
                                        o.get("backbone")
                                                .getAsString()
                                                .equals("vit_base_patch16_224")));
        assertEquals(48, lines.stream().filter(o -> o.get("table").getAsInt() == 1).count());
        assertEquals(16, lines.stream().filter(o -> o.get("table").getAsInt() == 2).count());
        // per dataset: ViT-B, Ours, the ten baselines in Table 1's row order, then Table 2
        JsonObject resnet50 = lines.get(5);
        assertTrue(
                resnet50.get("run_id")
                        .getAsString()
                        .matches("paper-caltech101-resnet50-full-[0-9a-f]{8}"),
                resnet50::toString);
        assertEquals("resnet50", resnet50.get("backbone").getAsString());
        assertEquals("classifier", resnet50.get("method").getAsString());
        assertTrue(
                lines.get(16)
                        .get("run_id")
                        .getAsString()
                        .matches("paper-oxford_pets-vit-full-[0-9a-f]{8}"));
        assertTrue(
                lines.get(59)
                        .get("run_id")
                        .getAsString()
                        .matches("paper-flowers102-efficientnet_b3-full-[0-9a-f]{8}"));
        assertEquals(
                List.of(
                        "vit_base_patch16_224",
                        "vit_base_patch16_224",
                        "deit_base_patch16_224",
                        "cait_s24_224",
                        "pit_b_224",
                        "resnet50",
                        "resnet101",
                        "resnet152",
                        "efficientnet_b0",
                        "efficientnet_b1",
                        "efficientnet_b2",
                        "efficientnet_b3"),
                lines.subList(0, 12).stream().map(o -> o.get("backbone").getAsString()).toList());
        try (var files = Files.list(results)) {
            assertFalse(files.findAny().isPresent(), "a plan must write nothing");
        }
    }

    @Test
    void aPlanFollowsTheTablesAndDatasetsChosen() {
        List<JsonObject> lines =
                plan("--profile", "paper", "--tables", "2", "--datasets", "oxford_pets");
        assertEquals(12, lines.size());
        assertTrue(
                lines.stream()
                        .allMatch(
                                o ->
                                        o.get("dataset").getAsString().equals("oxford_pets")
                                                && o.get("mode").getAsString().equals("prompt")));
        // against the checkout's results the plan names the committed runs; against an empty
        // folder, new runs
        assertEquals(
                PinnedRunIdsTest.QUICK,
                committedPlan("--seeds", "1").stream()
                        .map(o -> o.get("run_id").getAsString())
                        .toList());
        assertEquals(
                PinnedRunIdsTest.QUICK,
                committedPlan().subList(0, 10).stream()
                        .map(o -> o.get("run_id").getAsString())
                        .toList());
        assertTrue(
                plan("--seeds", "1").stream()
                        .noneMatch(
                                o ->
                                        PinnedRunIdsTest.QUICK.contains(
                                                o.get("run_id").getAsString())));
        assertEquals(
                40,
                plan(
                                "--profile",
                                "paper",
                                "--tables",
                                "1",
                                "--seeds",
                                "1",
                                "--datasets",
                                "caltech101,oxford_pets,stanford_cars,flowers102")
                        .stream()
                        .filter(o -> o.get("method").getAsString().equals("classifier"))
                        .count());
    }

    @Test
    void seedsAreACountOrAList() {
        assertEquals(
                List.of(1234, 1235, 1236, 1237, 1238),
                plan("--seeds", "5", "--tables", "1").stream()
                        .map(o -> o.get("seed").getAsInt())
                        .distinct()
                        .toList());
        assertEquals(
                List.of(7, 99),
                plan("--seeds", "7,99", "--tables", "1").stream()
                        .map(o -> o.get("seed").getAsInt())
                        .distinct()
                        .toList());
        assertEquals(
                List.of(7, 7, 7),
                plan("--seeds", "7,", "--tables", "1").stream()
                        .map(o -> o.get("seed").getAsInt())
                        .toList());
        CliRun bad = planRun("--seeds", "three");
        assertEquals(2, bad.exitCode(), bad::out);
        assertTrue(bad.err().contains("--seeds 'three': not a whole number"), bad.err());
        CliRun twice = planRun("--seeds", "5,5");
        assertEquals(2, twice.exitCode(), twice::out);
        assertTrue(
                twice.err().contains("seeds must differ from each other, got [5, 5]"), twice.err());
    }

    @Test
    void setOverridesEveryPlannedRunAndItsId() {
        List<JsonObject> lines =
                plan(
                        "--tables",
                        "2",
                        "--seeds",
                        "1",
                        "--set",
                        "trainLimit=256",
                        "--set",
                        "epochs=3");
        assertEquals(
                7,
                lines.size(),
                "VPT, Instruction-ViT x 3 prompts, and those 3 under recipe authors");
        for (JsonObject o : lines) {
            JsonObject spec = o.getAsJsonObject("spec");
            assertEquals(256, spec.get("trainLimit").getAsInt());
            assertEquals(3, spec.get("epochs").getAsInt());
            assertFalse(
                    PinnedRunIdsTest.QUICK.contains(o.get("run_id").getAsString()), o::toString);
        }
        CliRun bad = CliRun.of("reproduce", "--plan", "--set", "epochz=3");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("epochz"), bad.err());
    }

    @Test
    void theFewShotTableIsPlannedByTablesThreeWithItsKOnEachLine() {
        List<JsonObject> quick = plan("--profile", "quick", "--tables", "3", "--seeds", "1");
        // VPT and Instruction-ViT text x k in {1, 16} on Fashion-MNIST, with the spec's seed
        assertEquals(
                List.of("vpt/1", "vpt/16", "instruction-vit/1", "instruction-vit/16"),
                quick.stream()
                        .map(o -> o.get("method").getAsString() + "/" + o.get("shots").getAsInt())
                        .toList());
        assertTrue(
                quick.stream()
                        .allMatch(
                                o ->
                                        o.get("table").getAsInt() == 3
                                                && o.get("mode").getAsString().equals("prompt")
                                                && o.get("dataset")
                                                        .getAsString()
                                                        .equals("fashion_mnist")
                                                && o.get("seed").getAsInt() == 1234),
                quick::toString);
        assertTrue(
                quick.get(0)
                        .get("run_id")
                        .getAsString()
                        .startsWith("quick-fashion_mnist-vpt-prompt-k1-"),
                quick::toString);
        List<JsonObject> all = committedPlan("--profile", "quick", "--tables", "1,2,3");
        assertEquals(3 * 14, all.size(), "3 seeds x (6 cells + 4 authors rows + 4 few-shot runs)");
        assertEquals(
                PinnedRunIdsTest.QUICK,
                all.subList(0, 10).stream().map(o -> o.get("run_id").getAsString()).toList());
        assertEquals(
                quick.stream().map(o -> o.get("spec")).toList(),
                all.subList(10, 14).stream().map(o -> o.get("spec")).toList());
        assertEquals(
                List.of(1235),
                all.subList(24, 28).stream()
                        .map(o -> o.get("seed").getAsInt())
                        .distinct()
                        .toList());
        List<JsonObject> paper = plan("--profile", "paper", "--tables", "3", "--seeds", "1");
        assertEquals(4 * 4 * 5, paper.size(), "four rows x five k x four datasets");
        for (String dataset : List.of("caltech101", "oxford_pets", "stanford_cars", "flowers102")) {
            assertEquals(
                    20,
                    paper.stream()
                            .filter(o -> o.get("dataset").getAsString().equals(dataset))
                            .count(),
                    dataset);
        }
        assertEquals(16, paper.stream().filter(o -> o.get("shots").getAsInt() == 8).count());
        assertEquals(20, paper.stream().filter(o -> o.get("prompt").isJsonNull()).count(), "VPT");
        assertEquals(
                20,
                paper.stream()
                        .filter(
                                o ->
                                        !o.get("prompt").isJsonNull()
                                                && o.get("prompt").getAsString().equals("mix"))
                        .count());
        assertEquals(
                80,
                paper.stream().map(o -> o.get("run_id").getAsString()).distinct().count(),
                "every run its own id");
        CliRun bad = CliRun.of("reproduce", "--plan", "--tables", "4");
        assertEquals(2, bad.exitCode(), bad::err);
        assertTrue(bad.err().contains("--tables: 4 is not a table"), bad::err);
    }
}
