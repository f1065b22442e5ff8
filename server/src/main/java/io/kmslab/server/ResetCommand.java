package io.kmslab.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kmslab reset}: a brand-new lab in a running endpoint. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = "Resets the lab of a running endpoint: every key, alias, grant, IAM state, audit event and "
                + "meter is gone and the clock is back at its start. Identities declared with serve --identities "
                + "stay.")
final class ResetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    EndpointAddress address;

    @Override
    public Integer call() {
        JsonNode reset = new ControlClient(address).post("reset", ControlClient.object());
        spec.commandLine().getOut().println("Lab reset; simulated clock at " + reset.path("clock").asText());
        return 0;
    }
}
