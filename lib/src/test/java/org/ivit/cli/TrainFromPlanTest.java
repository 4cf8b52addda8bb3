package org.ivit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ivit.CliRun;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.PlanFile;
import org.ivit.spec.PlanFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --plan-file F --index I}: the plan's line is the spec; bad indices and lines are
 * named by file and line.
 */
class TrainFromPlanTest {
    @TempDir Path dir;

    private Path plan(String... extra) throws Exception {
        List<String> args =
                new ArrayList<>(List.of("reproduce", "--plan", "--tables", "1,2", "--seeds", "1"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run::err);
        Path file = dir.resolve("plan.jsonl");
        Files.writeString(file, run.out());
        return file;
    }

    @Test
    void eachLineRebuildsItsRunWithTheOverridesApplied() throws Exception {
        Path file = plan("--set", "trainLimit=512");
        PlanFile plan = PlanFile.read(file);
        assertEquals(
                10, plan.size()); // 6 cells under recipe paper, the 4 Instruction-ViT cells under
        // authors
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < plan.size(); i++) {
            ExperimentConfig cfg = plan.run(i);
            assertEquals(512, cfg.data().trainLimit());
            assertTrue(
                    lines.get(i).startsWith("{\"run_id\":\"" + cfg.newRunId() + "\""),
                    lines.get(i));
        }
        assertEquals("vit", plan.run(0).method().id());
        assertEquals("mix", plan.run(6).prompt().kind().id());
        assertEquals("authors", plan.run(9).behaviour().recipe().id());
    }

    @Test
    void anIndexOutOfRangeNamesTheFileAndTheRange() throws Exception {
        Path file = plan();
        CliRun run = CliRun.of("train", "--plan-file", file.toString(), "--index", "10");
        assertEquals(1, run.exitCode());
        assertTrue(
                run.err().contains(file + ": has 10 run(s), indices 0 to 9; there is no index 10"),
                run.err());
        assertThrows(PlanFileException.class, () -> PlanFile.read(file).run(-1));
    }

    @Test
    void aMalformedLineIsNamedByFileAndLine() throws Exception {
        Path file = plan();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).substring(0, 40));
        Files.write(file, lines);
        CliRun run = CliRun.of("train", "--plan-file", file.toString(), "--index", "2");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(file + ":3: is not JSON"), run.err());
        // the other lines still train
        assertEquals(
                "quick-fashion_mnist-instruction-vit-text-prompt-4a71ab51",
                PlanFile.read(file).runId(4));
    }

    @Test
    void aSpecValueOutOfRangeIsNamedByFileLineAndKey() throws Exception {
        Path file = plan();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(0, lines.get(0).replace("\"epochs\":2", "\"epochs\":0"));
        Files.write(file, lines);
        PlanFileException e =
                assertThrows(PlanFileException.class, () -> PlanFile.read(file).run(0));
        assertTrue(e.getMessage().startsWith(file + ":1: "), e.getMessage());
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
    }

    @Test
    void aRunIdThatItsSpecDoesNotGiveIsRefusedBeforeAnythingTrains() throws Exception {
        Path file = plan();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        // a changed spec value without a new id: training it under the old name would mix two runs
        lines.set(1, lines.get(1).replace("\"lr\":1.0E-4", "\"lr\":2.0E-4"));
        Files.write(file, lines);
        CliRun run = CliRun.of("train", "--plan-file", file.toString(), "--index", "1");
        assertEquals(1, run.exitCode());
        assertTrue(
                run.err()
                        .contains(
                                file
                                        + ":2: run_id is quick-fashion_mnist-instruction-vit-text-full-f9af1fa4 but its spec"
                                        + " gives quick-fashion_mnist-instruction-vit-text-full-"),
                run.err());
    }

    @Test
    void specOptionsCannotBeMixedWithAPlanLine() throws Exception {
        Path file = plan();
        CliRun run =
                CliRun.of(
                        "train",
                        "--plan-file",
                        file.toString(),
                        "--index",
                        "0",
                        "--set",
                        "epochs=5");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--set cannot be combined with --plan-file"), run.err());
        CliRun alone = CliRun.of("train", "--index", "0");
        assertEquals(2, alone.exitCode());
        assertTrue(alone.err().contains("--plan-file and --index go together"), alone.err());
    }
}
