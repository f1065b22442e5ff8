package io.kmslab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kmslab clock}: the simulated clock of a running endpoint; {@code kmslab clock advance 400d} moves it. */
@Command(name = "clock", mixinStandardHelpOptions = true,
        description = {"Shows the simulated clock of a running endpoint (kmslab serve).",
            "  kmslab clock advance 400d   moves it forward: due work (deletions, rotations) happens."},
        subcommands = ClockCommand.Advance.class)
final class ClockCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    EndpointAddress address;

    @Override
    public Integer call() {
        JsonNode clock = new ControlClient(address).getJson("clock", Map.of());
        spec.commandLine().getOut().println(clock.path("clock").asText());
        return 0;
    }

    /** {@code kmslab clock advance DURATION}. */
    @Command(name = "advance", mixinStandardHelpOptions = true,
            description = "Advances the simulated clock of a running endpoint; what comes due meanwhile (a key "
                    + "deletion, an automatic rotation) happens.")
    static final class Advance implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @ParentCommand
        private ClockCommand clock;

        @Mixin
        EndpointAddress address;

        @Parameters(paramLabel = "DURATION", description = "how far: 400d, 12h, 1d12h, 30m, 45s, or ISO-8601 "
                + "(P400D, PT12H); never negative")
        String duration;

        @Override
        public Integer call() {
            ObjectNode body = (ObjectNode) ControlClient.object();
            body.put("duration", duration);
            JsonNode advanced = new ControlClient(address.orElse(clock.address)).post("clock/advance", body);
            spec.commandLine().getOut().println("Simulated clock advanced by " + duration + ": "
                    + advanced.path("previous").asText() + " -> " + advanced.path("clock").asText());
            return 0;
        }
    }
}
