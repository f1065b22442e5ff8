package io.kmslab.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kmslab health}: whether an endpoint answers, its version and its clock. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Checks that an endpoint answers; exit code 0 when it does, 1 when none does.")
final class HealthCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    EndpointAddress address;

    @Override
    public Integer call() {
        JsonNode health = new ControlClient(address).getJson("health", Map.of());
        spec.commandLine().getOut().println(health.path("status").asText() + ": KMS Lab "
                + health.path("version").asText() + " at " + address.base() + ", simulated clock "
                + health.path("clock").asText() + (health.path("signaturesVerified").asBoolean()
                        ? ", signatures verified" : ", any access key accepted"));
        return 0;
    }
}
