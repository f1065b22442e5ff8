package io.kmslab.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code kmslab} command. Exit codes: 0 when the command did what it says, 1 when it failed, 2 when it was
 * called wrongly (an unknown option, a missing subcommand).
 */
@Command(name = "kmslab",
        mixinStandardHelpOptions = true,
        versionProvider = KmsLabCommand.Version.class,
        header = "KMS Lab: an educational simulator of AWS Key Management Service.",
        synopsisSubcommandLabel = "COMMAND",
        description = "Runs a simulated AWS KMS on a simulated clock, so that what takes days on AWS (a deletion "
                + "window, a rotation) takes a moment here.",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (or the tour's story did not hold)", "2:usage error"})
public final class KmsLabCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(Terminal.detect()).execute(args));
    }

    /** The command line with all subcommands, for a given terminal. */
    public static CommandLine commandLine(Terminal terminal) {
        return commandLine(terminal, java.time.Clock.systemDefaultZone(), java.nio.file.Path.of(""));
    }

    /**
     * The command line for a terminal, with the wall clock the study labs date progress by and the directory the
     * learner works in (tests give their own).
     */
    static CommandLine commandLine(Terminal terminal, java.time.Clock clock, java.nio.file.Path workingDirectory) {
        CommandLine commandLine = new CommandLine(new KmsLabCommand());
        commandLine.addSubcommand(new Tour(terminal));
        commandLine.addSubcommand(new Serve());
        commandLine.addSubcommand(new ClockCommand());
        commandLine.addSubcommand(new ResetCommand());
        commandLine.addSubcommand(new BillCommand());
        commandLine.addSubcommand(new AuditCommand());
        commandLine.addSubcommand(new ExplainCommand());
        commandLine.addSubcommand(new HealthCommand());
        commandLine.addSubcommand(new LabCommand(terminal, clock, workingDirectory));
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        commandLine.setExecutionExceptionHandler(KmsLabCommand::failure);
        return commandLine;
    }

    /** {@code kmslab} alone: there is nothing to do without a command. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'kmslab tour'");
    }

    /** An exception no command handled: one line on standard error, not a stack trace, and exit code 1. */
    private static int failure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println(commandLine.getColorScheme().errorText(commandLine.getCommandSpec().qualifiedName() + ": "
                + message));
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** The version Maven wrote into {@code version.properties} at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = KmsLabCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {
                "KMS Lab " + properties.getProperty("version", "(unknown version)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
