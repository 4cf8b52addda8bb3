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
 * start nothing; a wrong argument fails at once (exit 2) instead of starting a quarter-hour of
 * work.
 */
class EntryScriptArgumentsTest {
    private record Result(int exit, String out) {}

    private static Result run(String script, String... args)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "bash",
                                ReferenceFiles.projectRoot()
                                        .resolve("environment/" + script)
                                        .toString()));
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
            assertTrue(
                    !r.out().contains("==>")
                            && !r.out().startsWith("#")
                            && r.out().lines().count() >= 3,
                    script + ": " + r.out());
        }
        String help = run("run-notebooks", "-h").out();
        assertTrue(
                help.contains(
                        "Usage: run-notebooks [--committed] [--update-committed] [--into DIR] [NOTEBOOK...]"),
                help);
        // the default trains every quick run again and compares; the options say where things go
        assertTrue(
                help.contains("fresh results")
                        && help.contains("ivit compare-runs")
                        && help.contains("--committed")
                        && help.contains("results/notebooks/")
                        && help.contains("notebooks/ holds the executed notebooks"),
                help);
    }

    /**
     * run-notebooks' options: a wrong one, or a contradictory pair, fails at once and starts
     * nothing.
     */
    @Test
    void runNotebooksRefusesBadOptionsBeforeAnyWork() throws Exception {
        Result unknown = run("run-notebooks", "--fast");
        assertEquals(2, unknown.exit(), unknown.out());
        assertTrue(
                unknown.out().contains("unknown option '--fast'") && !unknown.out().contains("==>"),
                unknown.out());
        Result both = run("run-notebooks", "--committed", "--into", "/tmp/nowhere");
        assertEquals(2, both.exit(), both.out());
        assertTrue(both.out().contains("--committed uses results/"), both.out());
        java.nio.file.Path full = java.nio.file.Files.createTempDirectory("ivit-into");
        java.nio.file.Files.writeString(full.resolve("something"), "x");
        Result notEmpty = run("run-notebooks", "--into", full.toString());
        assertEquals(2, notEmpty.exit(), notEmpty.out());
        assertTrue(
                notEmpty.out().contains("is not empty") && !notEmpty.out().contains("==>"),
                notEmpty.out());
        assertEquals(2, run("run-notebooks", "--into").exit());
    }

    /** run-tests runs README command 1 into its fresh folder rather than a copy of its logic. */
    @Test
    void runTestsReusesRunNotebooks() throws Exception {
        String runTests =
                String.join(
                        "\n",
                        java.nio.file.Files.readAllLines(
                                        ReferenceFiles.projectRoot()
                                                .resolve("environment/run-tests"))
                                .stream()
                                .filter(l -> !l.startsWith("#"))
                                .toList());
        assertTrue(runTests.contains("\"$here/run-notebooks\" --into \"$fresh\""), runTests);
        assertTrue(
                !runTests.contains("compare-runs") && !runTests.contains("backbone.safetensors"),
                runTests);
    }

    @Test
    void anUnknownNotebookIsRefusedWithTheKnownOnes() throws Exception {
        Result r = run("run-notebooks", "04-resluts");
        assertEquals(2, r.exit(), r.out());
        assertTrue(
                r.out().contains("no notebook '04-resluts'")
                        && r.out().contains("04-results")
                        && !r.out().contains("==>"),
                r.out());
    }

    @Test
    void theCommandsWithoutArgumentsRefuseOne() throws Exception {
        for (String script : List.of("run-tests", "setup")) {
            Result r = run(script, "--fast");
            assertEquals(2, r.exit(), script + ": " + r.out());
            assertTrue(
                    r.out().contains("takes no arguments (got: --fast)")
                            && !r.out().contains("==>"),
                    script + ": " + r.out());
        }
    }
}
