package org.ivit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ivit.CliRun;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every command of the tree, found by walking {@link Main#commandLine()} (never a hand-written
 * list), prints its usage on stdout and exits 0 for {@code -h}, {@code --help} and {@code ivit help
 * <path>}.
 */
class HelpEverywhereTest {

    /** The path of every command below the root, e.g. [train], [bench, train]. */
    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine cmd, List<String> prefix, List<List<String>> paths) {
        cmd.getSubcommands()
                .forEach(
                        (name, sub) -> {
                            List<String> path = new ArrayList<>(prefix);
                            path.add(name);
                            paths.add(path);
                            collect(sub, path, paths);
                        });
    }

    @Test
    void theWalkFindsNestedCommands() {
        List<List<String>> paths = commandPaths();
        assertTrue(paths.contains(List.of("bench", "train")), paths::toString);
        assertTrue(paths.contains(List.of("forward", "vit")), paths::toString);
        assertTrue(paths.size() >= 14, paths::toString);
    }

    @TestFactory
    Stream<DynamicTest> everyCommandPrintsItsUsage() {
        return commandPaths().stream()
                .flatMap(
                        path -> {
                            String usage = "Usage: ivit " + String.join(" ", path);
                            List<String> help = new ArrayList<>(List.of("help"));
                            help.addAll(path);
                            return Stream.of(
                                    DynamicTest.dynamicTest(
                                            String.join(" ", path) + " -h",
                                            () -> check(usage, with(path, "-h"))),
                                    DynamicTest.dynamicTest(
                                            String.join(" ", path) + " --help",
                                            () -> check(usage, with(path, "--help"))),
                                    DynamicTest.dynamicTest(
                                            "help " + String.join(" ", path),
                                            () -> check(usage, help)));
                        });
    }

    @Test
    void rootHelpAndHelpAlone() {
        check("Usage: ivit", List.of("--help"));
        check("Usage: ivit", List.of("-h"));
        check("Usage: ivit", List.of("help"));
    }

    @Test
    void helpForAnUnknownCommandIsAUsageError() {
        CliRun run = CliRun.of("help", "bench", "nonsense");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("prompts") && run.err().contains("train"), run.err());
    }

    /**
     * A command that only groups others, called bare, is a usage error that names its subcommands.
     */
    @TestFactory
    Stream<DynamicTest> aBareGroupCommandIsAUsageErrorNamingItsSubcommands() {
        return commandPaths().stream()
                .filter(path -> !path.get(0).equals("help"))
                .filter(path -> !subcommandsOf(path).isEmpty())
                .map(
                        path ->
                                DynamicTest.dynamicTest(
                                        String.join(" ", path),
                                        () -> {
                                            CliRun run = CliRun.of(path.toArray(String[]::new));
                                            assertEquals(2, run.exitCode(), run::err);
                                            for (String sub : subcommandsOf(path)) {
                                                assertTrue(
                                                        run.err().contains(sub),
                                                        () -> "no " + sub + " in: " + run.err());
                                            }
                                        }));
    }

    private static List<String> subcommandsOf(List<String> path) {
        CommandLine cmd = Main.commandLine();
        for (String name : path) {
            cmd = cmd.getSubcommands().get(name);
        }
        return cmd.getSubcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
    }

    private static List<String> with(List<String> path, String option) {
        List<String> args = new ArrayList<>(path);
        args.add(option);
        return args;
    }

    private static void check(String usagePrefix, List<String> args) {
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), () -> args + " -> " + run.err());
        assertTrue(
                run.out().startsWith(usagePrefix),
                () -> args + " printed: " + run.out() + run.err());
        assertTrue(
                run.out().contains("-h, --help"),
                () -> args + " usage lacks -h, --help: " + run.out());
        assertFalse(run.err().contains("Unknown option"), run::err);
    }
}
