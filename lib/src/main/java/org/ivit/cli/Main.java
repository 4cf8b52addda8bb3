package org.ivit.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code environment/ivit}. Each verb is one small command class; this class only
 * registers them and turns any failure into a one-line message and a non-zero exit.
 */
@Command(
        name = "ivit",
        mixinStandardHelpOptions = true,
        version = "ivit 0.1.0",
        description = "Instruction-ViT in Java: models, prompts, training and results.",
        subcommands = {
            ForwardCommand.class,
            BenchCommand.class,
            PrepareCommand.class,
            FetchWeightsCommand.class,
            TokenizeCommand.class,
            PromptsCommand.class,
            ZeroShotCommand.class,
            TrainCommand.class,
            ReproduceCommand.class,
            ReportCommand.class,
            PretrainCommand.class,
            CompareRunsCommand.class,
            PredictCommand.class,
            FidelityCommand.class,
            HelpVerb.class,
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of main. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The whole command tree, configured as {@link #run} uses it: every command and subcommand
     * answers {@code -h} and {@code --help}, whether or not its own annotation asks for it.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        addHelpOptions(cli);
        CommandLine train = cli.getSubcommands().get("train");
        train.getHelpSectionMap()
                .put(
                        "specKeys",
                        help ->
                                "%nKeys for --set:%n".formatted()
                                        + String.join(
                                                System.lineSeparator(),
                                                org.ivit.spec.ExperimentConfig.keyHelp().stream()
                                                        .map(l -> "  " + l)
                                                        .toList())
                                        + System.lineSeparator());
        train.getHelpSectionMap().put("backbones", help -> TrainCommand.backboneHelp());
        List<String> sections = new java.util.ArrayList<>(train.getHelpSectionKeys());
        sections.add(
                sections.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING),
                "specKeys");
        sections.add(sections.indexOf("specKeys"), "backbones");
        train.setHelpSectionKeys(sections);
        cli.setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                    String message =
                            e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    cmd.getErr()
                            .println(
                                    "ivit "
                                            + cmd.getCommandName()
                                            + ": error: "
                                            + message.replace('\n', ' '));
                    if (System.getenv("IVIT_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 1;
                });
        cli.setParameterExceptionHandler(
                (e, parsedArgs) -> {
                    CommandLine cmd = e.getCommandLine();
                    cmd.getErr()
                            .println(
                                    "ivit "
                                            + cmd.getCommandName()
                                            + ": usage error: "
                                            + e.getMessage().replace('\n', ' ')
                                            + " (see --help)");
                    return 2;
                });
        return cli;
    }

    private static void addHelpOptions(CommandLine cmd) {
        CommandSpec spec = cmd.getCommandSpec();
        boolean hasHelp = spec.options().stream().anyMatch(o -> o.usageHelp());
        if (!hasHelp) {
            spec.addMixin("helpOption", CommandSpec.forAnnotatedObject(new HelpOption()));
        }
        cmd.getSubcommands().values().forEach(Main::addHelpOptions);
    }

    /** The {@code -h, --help} option alone (the root also has {@code -V, --version}). */
    @Command
    static final class HelpOption {
        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help message and exit.")
        boolean help;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
