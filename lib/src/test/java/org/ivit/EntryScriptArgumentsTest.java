package org.ivit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's two commands, setup and check-resume answer --help with their header comment and
 * start nothing; a wrong argument fails at once (exit 2) instead of starting a quarter-hour of work.
 */
class EntryScriptArgumentsTest {
    private record Result(int exit, String out) {}

    private static Result run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", ReferenceFiles.projectRoot().resolve("environment/" + script).toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), script + " did not stop");
        return new Result(p.exitValue(), out);
    }

    @Test
    void helpPrintsTheHeaderCommentAndStartsNothing() throws Exception {
        for (String script : List.of("run-notebooks", "run-tests", "setup", "check-resume")) {
            Result r = run(script, "--help");
            assertEquals(0, r.exit(), script + ": " + r.out());
            assertTrue(!r.out().contains("==>") && !r.out().startsWith("#") && r.out().lines().count() >= 3, script + ": " + r.out());
        }
        assertTrue(run("run-notebooks", "-h").out().contains("Usage: run-notebooks [NOTEBOOK...]"));
    }

    @Test
    void anUnknownNotebookIsRefusedWithTheKnownOnes() throws Exception {
        Result r = run("run-notebooks", "04-resluts");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("no notebook '04-resluts'") && r.out().contains("04-results") && !r.out().contains("==>"), r.out());
    }

    @Test
    void theCommandsWithoutArgumentsRefuseOne() throws Exception {
        for (String script : List.of("run-tests", "setup")) {
            Result r = run(script, "--fast");
            assertEquals(2, r.exit(), script + ": " + r.out());
            assertTrue(r.out().contains("takes no arguments (got: --fast)") && !r.out().contains("==>"), script + ": " + r.out());
        }
    }
}
