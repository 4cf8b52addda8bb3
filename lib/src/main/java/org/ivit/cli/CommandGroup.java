package org.ivit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command that only groups subcommands: called bare, it is a usage error naming them (exit 2).
 */
final class CommandGroup {
    private CommandGroup() {}

    static void requireSubcommand(CommandSpec spec) {
        String names =
                String.join(
                        ", ",
                        spec.subcommands().keySet().stream()
                                .filter(name -> !name.equals("help"))
                                .toList());
        throw new CommandLine.ParameterException(spec.commandLine(), "name one of: " + names);
    }
}
