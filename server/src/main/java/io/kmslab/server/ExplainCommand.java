package io.kmslab.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kmslab explain <request id>}: why a call was allowed or denied. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explains the authorization decision of a call by its request id (the x-amzn-RequestId of "
                + "the answer; the AWS CLI shows it with --debug, an SDK exception with requestId()): the verdict, "
                + "the rule that decided, and every policy statement and grant considered.",
            "The endpoint keeps the decisions of its last 10,000 calls."})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    EndpointAddress address;

    @Parameters(paramLabel = "REQUEST-ID", description = "the request id of the call")
    String requestId;

    @Override
    public Integer call() {
        JsonNode decision = new ControlClient(address).getJson("explain/"
                + URLEncoder.encode(requestId, StandardCharsets.UTF_8).replace("+", "%20"), Map.of());
        spec.commandLine().getOut().println(decision.path("explanation").asText());
        return 0;
    }
}
