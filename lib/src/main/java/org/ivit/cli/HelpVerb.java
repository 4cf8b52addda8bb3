package org.ivit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ivit help [COMMAND...]}: the usage of any command of the tree, e.g. {@code ivit help bench
 * train}. picocli's own {@link CommandLine.HelpCommand} takes one name only, so it cannot reach a
 * subcommand's subcommand; this one follows the whole path.
 */
@Command(
        name = "help",
        helpCommand = true,
        description =
                "Print the usage of a command, e.g. 'ivit help train' or 'ivit help bench train'.")
final class HelpVerb implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            paramLabel = "COMMAND",
            arity = "0..*",
            description = "The command (and subcommand) to describe.")
    List<String> path = new ArrayList<>();

    @Override
    public Integer call() {
        CommandLine target = spec.commandLine().getParent();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                target.getErr()
                        .println(
                                "ivit help: unknown command '"
                                        + String.join(" ", path)
                                        + "'; "
                                        + target.getCommandSpec().qualifiedName()
                                        + " has: "
                                        + String.join(", ", target.getSubcommands().keySet()));
                return 2;
            }
            target = next;
        }
        target.usage(target.getOut());
        target.getOut().flush();
        return 0;
    }
}
