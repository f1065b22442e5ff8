package io.kmslab.server;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the {@code kmslab} command line in this JVM, its output captured. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(Terminal terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = KmsLabCommand.commandLine(terminal);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }
}
